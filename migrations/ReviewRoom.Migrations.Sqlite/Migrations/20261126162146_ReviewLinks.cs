using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReviewRoom.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReviewLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReviewLinks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Access = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Hint = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewLinks_AspNetUsers_CreatedByUserId",
                        column: x => x.CreatedByUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ReviewLinks_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReviewLinkGuests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LinkId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    JoinedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastSeenAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewLinkGuests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewLinkGuests_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ReviewLinkGuests_ReviewLinks_LinkId",
                        column: x => x.LinkId,
                        principalTable: "ReviewLinks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReviewLinkItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LinkId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ShotId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TakeId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewLinkItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewLinkItems_ReviewLinks_LinkId",
                        column: x => x.LinkId,
                        principalTable: "ReviewLinks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ReviewLinkItems_Shots_ShotId",
                        column: x => x.ShotId,
                        principalTable: "Shots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ReviewLinkItems_Takes_TakeId",
                        column: x => x.TakeId,
                        principalTable: "Takes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewLinkGuests_LinkId",
                table: "ReviewLinkGuests",
                column: "LinkId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewLinkGuests_UserId",
                table: "ReviewLinkGuests",
                column: "UserId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReviewLinkItems_LinkId",
                table: "ReviewLinkItems",
                column: "LinkId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewLinkItems_ShotId",
                table: "ReviewLinkItems",
                column: "ShotId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewLinkItems_TakeId",
                table: "ReviewLinkItems",
                column: "TakeId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewLinks_CreatedByUserId",
                table: "ReviewLinks",
                column: "CreatedByUserId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewLinks_Hash",
                table: "ReviewLinks",
                column: "Hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReviewLinks_ProjectId",
                table: "ReviewLinks",
                column: "ProjectId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReviewLinkGuests");

            migrationBuilder.DropTable(
                name: "ReviewLinkItems");

            migrationBuilder.DropTable(
                name: "ReviewLinks");
        }
    }
}

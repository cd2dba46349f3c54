using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReviewRoom.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Decisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ApprovalPolicy",
                table: "Projects",
                type: "TEXT",
                nullable: false,
                defaultValue: "{\"requiredRoles\":[\"Director\",\"VfxLead\"],\"rejectBlocks\":true,\"circlingRoles\":[\"Director\",\"Producer\"]}");

            migrationBuilder.CreateTable(
                name: "ShotSelections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ShotId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TakeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    TakeWasApproved = table.Column<bool>(type: "INTEGER", nullable: false),
                    SelectedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ShotSelections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ShotSelections_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ShotSelections_Shots_ShotId",
                        column: x => x.ShotId,
                        principalTable: "Shots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ShotSelections_Takes_TakeId",
                        column: x => x.TakeId,
                        principalTable: "Takes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TakeDecisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TakeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    NoteId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SupersededAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TakeDecisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TakeDecisions_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TakeDecisions_Takes_TakeId",
                        column: x => x.TakeId,
                        principalTable: "Takes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TakeVotes",
                columns: table => new
                {
                    TakeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VotedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TakeVotes", x => new { x.TakeId, x.UserId });
                    table.ForeignKey(
                        name: "FK_TakeVotes_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_TakeVotes_Takes_TakeId",
                        column: x => x.TakeId,
                        principalTable: "Takes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ShotSelections_ProjectId",
                table: "ShotSelections",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_ShotSelections_ShotId_SelectedAt",
                table: "ShotSelections",
                columns: new[] { "ShotId", "SelectedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ShotSelections_TakeId",
                table: "ShotSelections",
                column: "TakeId");

            migrationBuilder.CreateIndex(
                name: "IX_ShotSelections_UserId",
                table: "ShotSelections",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_TakeDecisions_ProjectId",
                table: "TakeDecisions",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_TakeDecisions_TakeId_UserId_SupersededAt",
                table: "TakeDecisions",
                columns: new[] { "TakeId", "UserId", "SupersededAt" });

            migrationBuilder.CreateIndex(
                name: "IX_TakeDecisions_UserId",
                table: "TakeDecisions",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_TakeVotes_ProjectId",
                table: "TakeVotes",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_TakeVotes_UserId",
                table: "TakeVotes",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ShotSelections");

            migrationBuilder.DropTable(
                name: "TakeDecisions");

            migrationBuilder.DropTable(
                name: "TakeVotes");

            migrationBuilder.DropColumn(
                name: "ApprovalPolicy",
                table: "Projects");
        }
    }
}

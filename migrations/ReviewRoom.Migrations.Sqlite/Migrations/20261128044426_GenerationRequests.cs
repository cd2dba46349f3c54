using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReviewRoom.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class GenerationRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "GenerationRequestId",
                table: "Takes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ResolvedByTakeId",
                table: "Notes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "GenerationRequestId",
                table: "IngestJobs",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "GenerationRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ShotId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Model = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Prompt = table.Column<string>(type: "TEXT", nullable: false),
                    NegativePrompt = table.Column<string>(type: "TEXT", nullable: true),
                    Seed = table.Column<long>(type: "INTEGER", nullable: true),
                    ParametersJson = table.Column<string>(type: "TEXT", nullable: false),
                    ParentTakeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Relation = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CreditsSpent = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    RequestedByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ClaimBy = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClaimedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ClaimedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LeaseExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Progress = table.Column<double>(type: "REAL", nullable: false),
                    ProgressMessage = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    FailureReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    EndedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EndedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GenerationRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GenerationRequests_AspNetUsers_RequestedByUserId",
                        column: x => x.RequestedByUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_GenerationRequests_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_GenerationRequests_Shots_ShotId",
                        column: x => x.ShotId,
                        principalTable: "Shots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GenerationRequestNotes",
                columns: table => new
                {
                    RequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    NoteId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GenerationRequestNotes", x => new { x.RequestId, x.NoteId });
                    table.ForeignKey(
                        name: "FK_GenerationRequestNotes_GenerationRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "GenerationRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_GenerationRequestNotes_Notes_NoteId",
                        column: x => x.NoteId,
                        principalTable: "Notes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GenerationSlots",
                columns: table => new
                {
                    RequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Index = table.Column<int>(type: "INTEGER", nullable: false),
                    Seed = table.Column<long>(type: "INTEGER", nullable: true),
                    TakeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    FilledAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GenerationSlots", x => new { x.RequestId, x.Index });
                    table.ForeignKey(
                        name: "FK_GenerationSlots_GenerationRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "GenerationRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Takes_GenerationRequestId",
                table: "Takes",
                column: "GenerationRequestId");

            migrationBuilder.CreateIndex(
                name: "IX_IngestJobs_GenerationRequestId",
                table: "IngestJobs",
                column: "GenerationRequestId");

            migrationBuilder.CreateIndex(
                name: "IX_GenerationRequestNotes_NoteId",
                table: "GenerationRequestNotes",
                column: "NoteId");

            migrationBuilder.CreateIndex(
                name: "IX_GenerationRequests_ProjectId_State",
                table: "GenerationRequests",
                columns: new[] { "ProjectId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_GenerationRequests_RequestedByUserId",
                table: "GenerationRequests",
                column: "RequestedByUserId");

            migrationBuilder.CreateIndex(
                name: "IX_GenerationRequests_ShotId",
                table: "GenerationRequests",
                column: "ShotId");

            migrationBuilder.CreateIndex(
                name: "IX_GenerationRequests_State_ClaimBy",
                table: "GenerationRequests",
                columns: new[] { "State", "ClaimBy" });

            migrationBuilder.CreateIndex(
                name: "IX_GenerationSlots_TakeId",
                table: "GenerationSlots",
                column: "TakeId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "GenerationRequestNotes");

            migrationBuilder.DropTable(
                name: "GenerationSlots");

            migrationBuilder.DropTable(
                name: "GenerationRequests");

            migrationBuilder.DropIndex(
                name: "IX_Takes_GenerationRequestId",
                table: "Takes");

            migrationBuilder.DropIndex(
                name: "IX_IngestJobs_GenerationRequestId",
                table: "IngestJobs");

            migrationBuilder.DropColumn(
                name: "GenerationRequestId",
                table: "Takes");

            migrationBuilder.DropColumn(
                name: "ResolvedByTakeId",
                table: "Notes");

            migrationBuilder.DropColumn(
                name: "GenerationRequestId",
                table: "IngestJobs");
        }
    }
}

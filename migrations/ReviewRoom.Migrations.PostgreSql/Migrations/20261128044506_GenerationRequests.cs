using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReviewRoom.Migrations.PostgreSql.Migrations
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
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ResolvedByTakeId",
                table: "Notes",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "GenerationRequestId",
                table: "IngestJobs",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "GenerationRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    ShotId = table.Column<Guid>(type: "uuid", nullable: false),
                    Model = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Prompt = table.Column<string>(type: "text", nullable: false),
                    NegativePrompt = table.Column<string>(type: "text", nullable: true),
                    Seed = table.Column<long>(type: "bigint", nullable: true),
                    ParametersJson = table.Column<string>(type: "text", nullable: false),
                    ParentTakeId = table.Column<Guid>(type: "uuid", nullable: true),
                    Relation = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CreditsSpent = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    RequestedByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ClaimBy = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClaimedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ClaimedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LeaseExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Progress = table.Column<double>(type: "double precision", nullable: false),
                    ProgressMessage = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    FailureReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    EndedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EndedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false)
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
                    RequestId = table.Column<Guid>(type: "uuid", nullable: false),
                    NoteId = table.Column<Guid>(type: "uuid", nullable: false)
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
                    RequestId = table.Column<Guid>(type: "uuid", nullable: false),
                    Index = table.Column<int>(type: "integer", nullable: false),
                    Seed = table.Column<long>(type: "bigint", nullable: true),
                    TakeId = table.Column<Guid>(type: "uuid", nullable: true),
                    FilledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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

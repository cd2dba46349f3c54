using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReviewRoom.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Ingest : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "FilmstripColumns",
                table: "Takes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FilmstripFramesPerTile",
                table: "Takes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FilmstripPath",
                table: "Takes",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FilmstripRows",
                table: "Takes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FilmstripTileCount",
                table: "Takes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FilmstripTileHeight",
                table: "Takes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FilmstripTileWidth",
                table: "Takes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OriginalContainer",
                table: "Takes",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OriginalFileName",
                table: "Takes",
                type: "TEXT",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OriginalPath",
                table: "Takes",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "OriginalSizeBytes",
                table: "Takes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OriginalVideoCodec",
                table: "Takes",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WaveformPath",
                table: "Takes",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "IngestJobs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ShotId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OriginalPath = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    OriginalFileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    SizeBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    Model = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Prompt = table.Column<string>(type: "TEXT", nullable: false),
                    NegativePrompt = table.Column<string>(type: "TEXT", nullable: true),
                    Seed = table.Column<long>(type: "INTEGER", nullable: true),
                    ParametersJson = table.Column<string>(type: "TEXT", nullable: false),
                    ParentTakeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Relation = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CreditsSpent = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    CreatedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedByTokenName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Progress = table.Column<double>(type: "REAL", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    TakeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IngestJobs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IngestJobs_AspNetUsers_CreatedByUserId",
                        column: x => x.CreatedByUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_IngestJobs_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_IngestJobs_Shots_ShotId",
                        column: x => x.ShotId,
                        principalTable: "Shots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_IngestJobs_Takes_ParentTakeId",
                        column: x => x.ParentTakeId,
                        principalTable: "Takes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_IngestJobs_Takes_TakeId",
                        column: x => x.TakeId,
                        principalTable: "Takes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IngestJobs_CreatedByUserId",
                table: "IngestJobs",
                column: "CreatedByUserId");

            migrationBuilder.CreateIndex(
                name: "IX_IngestJobs_ParentTakeId",
                table: "IngestJobs",
                column: "ParentTakeId");

            migrationBuilder.CreateIndex(
                name: "IX_IngestJobs_ProjectId",
                table: "IngestJobs",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_IngestJobs_ShotId",
                table: "IngestJobs",
                column: "ShotId");

            migrationBuilder.CreateIndex(
                name: "IX_IngestJobs_State_NextAttemptAt",
                table: "IngestJobs",
                columns: new[] { "State", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_IngestJobs_TakeId",
                table: "IngestJobs",
                column: "TakeId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IngestJobs");

            migrationBuilder.DropColumn(
                name: "FilmstripColumns",
                table: "Takes");

            migrationBuilder.DropColumn(
                name: "FilmstripFramesPerTile",
                table: "Takes");

            migrationBuilder.DropColumn(
                name: "FilmstripPath",
                table: "Takes");

            migrationBuilder.DropColumn(
                name: "FilmstripRows",
                table: "Takes");

            migrationBuilder.DropColumn(
                name: "FilmstripTileCount",
                table: "Takes");

            migrationBuilder.DropColumn(
                name: "FilmstripTileHeight",
                table: "Takes");

            migrationBuilder.DropColumn(
                name: "FilmstripTileWidth",
                table: "Takes");

            migrationBuilder.DropColumn(
                name: "OriginalContainer",
                table: "Takes");

            migrationBuilder.DropColumn(
                name: "OriginalFileName",
                table: "Takes");

            migrationBuilder.DropColumn(
                name: "OriginalPath",
                table: "Takes");

            migrationBuilder.DropColumn(
                name: "OriginalSizeBytes",
                table: "Takes");

            migrationBuilder.DropColumn(
                name: "OriginalVideoCodec",
                table: "Takes");

            migrationBuilder.DropColumn(
                name: "WaveformPath",
                table: "Takes");
        }
    }
}

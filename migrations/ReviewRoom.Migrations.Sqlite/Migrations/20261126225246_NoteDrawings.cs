using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReviewRoom.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class NoteDrawings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DrawingJson",
                table: "Notes",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DrawingJson",
                table: "Notes");
        }
    }
}

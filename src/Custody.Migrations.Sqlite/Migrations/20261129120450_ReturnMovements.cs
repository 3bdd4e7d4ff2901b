using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custody.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReturnMovements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Direction",
                table: "Manifests",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                // Every movement before returns existed was a transfer.
                defaultValue: "transfer");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Direction",
                table: "Manifests");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custody.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RestrictionsUnderJudicialControl : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Authority",
                table: "InformationRestrictions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LiftReason",
                table: "InformationRestrictions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LiftedBy",
                table: "InformationRestrictions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ReviewBy",
                table: "InformationRestrictions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewCourt",
                table: "InformationRestrictions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ReviewProceedingId",
                table: "InformationRestrictions",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Authority",
                table: "InformationRestrictions");

            migrationBuilder.DropColumn(
                name: "LiftReason",
                table: "InformationRestrictions");

            migrationBuilder.DropColumn(
                name: "LiftedBy",
                table: "InformationRestrictions");

            migrationBuilder.DropColumn(
                name: "ReviewBy",
                table: "InformationRestrictions");

            migrationBuilder.DropColumn(
                name: "ReviewCourt",
                table: "InformationRestrictions");

            migrationBuilder.DropColumn(
                name: "ReviewProceedingId",
                table: "InformationRestrictions");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custody.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class WelfarePayability : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "IdentityConfirmedBy",
                table: "WelfareChecks",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Late",
                table: "WelfareChecks",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "Payable",
                table: "WelfareChecks",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "RecordedAt",
                table: "WelfareChecks",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "IdentityConfirmedBy",
                table: "WelfareChecks");

            migrationBuilder.DropColumn(
                name: "Late",
                table: "WelfareChecks");

            migrationBuilder.DropColumn(
                name: "Payable",
                table: "WelfareChecks");

            migrationBuilder.DropColumn(
                name: "RecordedAt",
                table: "WelfareChecks");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custody.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class DisputeAnswers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Answer",
                table: "Disputes",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "AnswerCredit",
                table: "Disputes",
                type: "numeric(18,4)",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AnswerRejection",
                table: "Disputes",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "AnswerUpheld",
                table: "Disputes",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "AnsweredAt",
                table: "Disputes",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AnsweredBy",
                table: "Disputes",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Answer",
                table: "Disputes");

            migrationBuilder.DropColumn(
                name: "AnswerCredit",
                table: "Disputes");

            migrationBuilder.DropColumn(
                name: "AnswerRejection",
                table: "Disputes");

            migrationBuilder.DropColumn(
                name: "AnswerUpheld",
                table: "Disputes");

            migrationBuilder.DropColumn(
                name: "AnsweredAt",
                table: "Disputes");

            migrationBuilder.DropColumn(
                name: "AnsweredBy",
                table: "Disputes");
        }
    }
}

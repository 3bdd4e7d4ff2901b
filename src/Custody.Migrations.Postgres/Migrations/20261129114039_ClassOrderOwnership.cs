using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custody.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ClassOrderOwnership : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Verified",
                table: "ClassOrders",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "VerifiedBy",
                table: "ClassOrders",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ClassOrderConflicts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ClassOrderId = table.Column<string>(type: "character varying(64)", nullable: false),
                    Copy = table.Column<string>(type: "text", nullable: false),
                    Import = table.Column<string>(type: "text", nullable: false),
                    RecordedBy = table.Column<string>(type: "text", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Seq = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClassOrderConflicts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClassOrderConflicts_ClassOrders_ClassOrderId",
                        column: x => x.ClassOrderId,
                        principalTable: "ClassOrders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ClassOrderConflicts_ClassOrderId",
                table: "ClassOrderConflicts",
                column: "ClassOrderId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ClassOrderConflicts");

            migrationBuilder.DropColumn(
                name: "Verified",
                table: "ClassOrders");

            migrationBuilder.DropColumn(
                name: "VerifiedBy",
                table: "ClassOrders");
        }
    }
}

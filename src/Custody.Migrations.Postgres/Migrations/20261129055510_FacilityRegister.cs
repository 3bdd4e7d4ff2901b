using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custody.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class FacilityRegister : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AccessVisits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Visitor = table.Column<string>(type: "text", nullable: false),
                    Role = table.Column<string>(type: "text", nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RequestedBy = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "text", nullable: false),
                    Reason = table.Column<string>(type: "text", nullable: true),
                    DecidedBy = table.Column<string>(type: "text", nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    LastSeq = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccessVisits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Admissions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    FacilityId = table.Column<string>(type: "text", nullable: false),
                    ManifestId = table.Column<Guid>(type: "uuid", nullable: true),
                    AgreementId = table.Column<string>(type: "text", nullable: false),
                    AdmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AdmittedBy = table.Column<string>(type: "text", nullable: false),
                    Register = table.Column<string>(type: "text", nullable: false),
                    EndedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EndKind = table.Column<string>(type: "text", nullable: true),
                    EndDestination = table.Column<string>(type: "text", nullable: true),
                    EndAuthority = table.Column<string>(type: "text", nullable: true),
                    EndedBy = table.Column<string>(type: "text", nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    LastSeq = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Admissions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Admissions_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Cells",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    FacilityId = table.Column<string>(type: "character varying(64)", nullable: false),
                    Unit = table.Column<string>(type: "text", nullable: false),
                    Number = table.Column<string>(type: "text", nullable: false),
                    FloorAreaM2 = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: false),
                    Shared = table.Column<bool>(type: "boolean", nullable: false),
                    Bunks = table.Column<int>(type: "integer", nullable: false),
                    Toilets = table.Column<int>(type: "integer", nullable: false),
                    Showers = table.Column<int>(type: "integer", nullable: false),
                    WaterLitresPerDay = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    LightingHours = table.Column<int>(type: "integer", nullable: false),
                    Ventilation = table.Column<string>(type: "text", nullable: false),
                    DesignCapacity = table.Column<int>(type: "integer", nullable: false),
                    OperationalCapacity = table.Column<int>(type: "integer", nullable: false),
                    Seq = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Cells", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Cells_Facilities_FacilityId",
                        column: x => x.FacilityId,
                        principalTable: "Facilities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "InformationRestrictions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Ground = table.Column<string>(type: "text", nullable: false),
                    RecordedBy = table.Column<string>(type: "text", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LiftedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastSeq = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InformationRestrictions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WelfareChecks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    SeenBy = table.Column<string>(type: "text", nullable: false),
                    Role = table.Column<string>(type: "text", nullable: false),
                    SeenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Condition = table.Column<string>(type: "text", nullable: false),
                    PrivateConversation = table.Column<bool>(type: "boolean", nullable: false),
                    Notes = table.Column<string>(type: "text", nullable: true),
                    RecordedBy = table.Column<string>(type: "text", nullable: false),
                    Seq = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WelfareChecks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CellAssignments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    AdmissionId = table.Column<Guid>(type: "uuid", nullable: false),
                    CellId = table.Column<string>(type: "character varying(150)", nullable: false),
                    From = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Until = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AssignedBy = table.Column<string>(type: "text", nullable: false),
                    Finding = table.Column<string>(type: "text", nullable: true),
                    Seq = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CellAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CellAssignments_Cells_CellId",
                        column: x => x.CellId,
                        principalTable: "Cells",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AccessVisits_PersonId",
                table: "AccessVisits",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_Admissions_FacilityId_EndedAt",
                table: "Admissions",
                columns: new[] { "FacilityId", "EndedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Admissions_PersonId_EndedAt",
                table: "Admissions",
                columns: new[] { "PersonId", "EndedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CellAssignments_CellId_From",
                table: "CellAssignments",
                columns: new[] { "CellId", "From" });

            migrationBuilder.CreateIndex(
                name: "IX_CellAssignments_PersonId_Until",
                table: "CellAssignments",
                columns: new[] { "PersonId", "Until" });

            migrationBuilder.CreateIndex(
                name: "IX_Cells_FacilityId_Unit",
                table: "Cells",
                columns: new[] { "FacilityId", "Unit" });

            migrationBuilder.CreateIndex(
                name: "IX_InformationRestrictions_PersonId",
                table: "InformationRestrictions",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_WelfareChecks_PersonId_SeenAt",
                table: "WelfareChecks",
                columns: new[] { "PersonId", "SeenAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccessVisits");

            migrationBuilder.DropTable(
                name: "Admissions");

            migrationBuilder.DropTable(
                name: "CellAssignments");

            migrationBuilder.DropTable(
                name: "InformationRestrictions");

            migrationBuilder.DropTable(
                name: "WelfareChecks");

            migrationBuilder.DropTable(
                name: "Cells");
        }
    }
}

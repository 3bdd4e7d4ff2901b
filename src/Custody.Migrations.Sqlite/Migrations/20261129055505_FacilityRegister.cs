using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custody.Migrations.Sqlite.Migrations
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Visitor = table.Column<string>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RequestedBy = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    LastSeq = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccessVisits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Admissions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FacilityId = table.Column<string>(type: "TEXT", nullable: false),
                    ManifestId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AgreementId = table.Column<string>(type: "TEXT", nullable: false),
                    AdmittedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AdmittedBy = table.Column<string>(type: "TEXT", nullable: false),
                    Register = table.Column<string>(type: "TEXT", nullable: false),
                    EndedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EndKind = table.Column<string>(type: "TEXT", nullable: true),
                    EndDestination = table.Column<string>(type: "TEXT", nullable: true),
                    EndAuthority = table.Column<string>(type: "TEXT", nullable: true),
                    EndedBy = table.Column<string>(type: "TEXT", nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    LastSeq = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    FacilityId = table.Column<string>(type: "TEXT", nullable: false),
                    Unit = table.Column<string>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", nullable: false),
                    FloorAreaM2 = table.Column<decimal>(type: "TEXT", precision: 10, scale: 2, nullable: false),
                    Shared = table.Column<bool>(type: "INTEGER", nullable: false),
                    Bunks = table.Column<int>(type: "INTEGER", nullable: false),
                    Toilets = table.Column<int>(type: "INTEGER", nullable: false),
                    Showers = table.Column<int>(type: "INTEGER", nullable: false),
                    WaterLitresPerDay = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    LightingHours = table.Column<int>(type: "INTEGER", nullable: false),
                    Ventilation = table.Column<string>(type: "TEXT", nullable: false),
                    DesignCapacity = table.Column<int>(type: "INTEGER", nullable: false),
                    OperationalCapacity = table.Column<int>(type: "INTEGER", nullable: false),
                    Seq = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Ground = table.Column<string>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LiftedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastSeq = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InformationRestrictions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WelfareChecks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SeenBy = table.Column<string>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", nullable: false),
                    SeenAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Condition = table.Column<string>(type: "TEXT", nullable: false),
                    PrivateConversation = table.Column<bool>(type: "INTEGER", nullable: false),
                    Notes = table.Column<string>(type: "TEXT", nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", nullable: false),
                    Seq = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WelfareChecks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CellAssignments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AdmissionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CellId = table.Column<string>(type: "TEXT", nullable: false),
                    From = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Until = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AssignedBy = table.Column<string>(type: "TEXT", nullable: false),
                    Finding = table.Column<string>(type: "TEXT", nullable: true),
                    Seq = table.Column<long>(type: "INTEGER", nullable: false)
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

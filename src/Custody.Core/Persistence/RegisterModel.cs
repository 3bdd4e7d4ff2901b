using Custody.Facilities;
using Custody.People;
using Microsoft.EntityFrameworkCore;

namespace Custody.Persistence;

/// <summary>The mapping of the facility register: cells, admissions, assignments, welfare checks, visits, information restrictions.</summary>
internal static class RegisterModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<Cell>(e =>
        {
            e.ToTable("Cells");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(150);
            e.HasIndex(x => new { x.FacilityId, x.Unit });
            e.HasOne<Facility>().WithMany().HasForeignKey(x => x.FacilityId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.FloorAreaM2).HasPrecision(10, 2);
            e.Property(x => x.WaterLitresPerDay).HasPrecision(12, 2);
        });
        builder.Entity<Admission>(e =>
        {
            e.ToTable("Admissions");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => new { x.PersonId, x.EndedAt });
            e.HasIndex(x => new { x.FacilityId, x.EndedAt });
            e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<CellAssignment>(e =>
        {
            e.ToTable("CellAssignments");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => new { x.CellId, x.From });
            e.HasIndex(x => new { x.PersonId, x.Until });
            e.HasOne<Cell>().WithMany().HasForeignKey(x => x.CellId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<WelfareCheck>(e =>
        {
            e.ToTable("WelfareChecks");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => new { x.PersonId, x.SeenAt });
        });
        builder.Entity<AccessVisit>(e =>
        {
            e.ToTable("AccessVisits");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => x.PersonId);
        });
        builder.Entity<InformationRestriction>(e =>
        {
            e.ToTable("InformationRestrictions");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => x.PersonId);
        });
            builder.Entity<Inspection>(e =>
        {
            e.ToTable("Inspections");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => new { x.FacilityId, x.InspectedAt });
        });
        builder.Entity<FollowUpAction>(e =>
        {
            e.ToTable("FollowUpActions");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => new { x.FacilityId, x.CompletedAt, x.Deadline });
            e.HasOne<Inspection>().WithMany().HasForeignKey(x => x.InspectionId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}

using Custody.Facilities;
using Custody.Idempotency;
using Custody.Locator;
using Custody.Notifications;
using Custody.People;
using Custody.Transfers;
using Microsoft.EntityFrameworkCore;

namespace Custody.Persistence;

/// <summary>The mapping of facilities, custody records, manifests, incidents, the outbox and the locator keys.</summary>
internal static class TransferModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<Facility>(e =>
        {
            e.ToTable("Facilities");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.State).HasMaxLength(2);
        });
        builder.Entity<CustodyRecord>(e =>
        {
            e.ToTable("CustodyRecords");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => new { x.PersonId, x.Number }).IsUnique();
            // Not a filtered unique index: a supersession updates the old row and inserts the new one in one
            // save, and EF cannot order those around a filter. The invariant is checked by verification.
            e.HasIndex(x => new { x.PersonId, x.IsCurrent });
            e.HasIndex(x => new { x.AgreementId, x.IsCurrent });
            e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.Event).HasMaxLength(32);
            e.Property(x => x.Custodian).HasMaxLength(32);
            e.Property(x => x.PlaceKind).HasMaxLength(32);
        });
        builder.Entity<Manifest>(e =>
        {
            e.ToTable("Manifests");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => new { x.AgreementId, x.Status });
            e.Property(x => x.Revision).IsConcurrencyToken();
            e.Property(x => x.Direction).HasMaxLength(16);
        });
        builder.Entity<ManifestPerson>(e =>
        {
            e.ToTable("ManifestPeople");
            e.HasKey(x => new { x.ManifestId, x.PersonId });
            e.HasIndex(x => x.PersonId);
            e.HasOne<Manifest>().WithMany().HasForeignKey(x => x.ManifestId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
            e.Ignore(x => x.IsPrincipal);
        });
        builder.Entity<ManifestDiscrepancy>(e =>
        {
            e.ToTable("ManifestDiscrepancies");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => x.ManifestId);
        });
        builder.Entity<Incident>(e =>
        {
            e.ToTable("Incidents");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => x.ManifestId);
            e.HasIndex(x => x.PersonId);
        });
        builder.Entity<Notification>(e =>
        {
            e.ToTable("Notifications");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => new { x.Status, x.DueBy });
            e.HasIndex(x => x.PersonId);
        });
        builder.Entity<LocatorKey>(e =>
        {
            e.ToTable("LocatorKeys");
            e.HasKey(x => new { x.Key, x.PersonId });
            e.HasIndex(x => x.PersonId);
            e.Property(x => x.Key).HasMaxLength(500);
        });
        builder.Entity<IdempotentRequest>(e =>
        {
            e.ToTable("IdempotentRequests");
            e.HasKey(x => new { x.Owner, x.Key });
            e.Property(x => x.Owner).HasMaxLength(256);
            e.Property(x => x.Key).HasMaxLength(256);
        });
    }
}

using Custody.Agreements;
using Custody.CourtOrders;
using Custody.Ledger;
using Custody.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Custody.Persistence;

/// <summary>A signed-in user of the web app. Roles are the DOMAIN.md roles.</summary>
public sealed class CustodyUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
}

/// <summary>
/// The database: the ledger (source of truth), the state tables that project it, and the
/// Identity store. One model for SQLite and PostgreSQL; each provider has its own migrations
/// assembly. Instants are UTC <see cref="DateTime"/> on both, legal dates <see cref="DateOnly"/>.
/// </summary>
public sealed class CustodyDbContext(DbContextOptions<CustodyDbContext> options) : IdentityDbContext<CustodyUser, IdentityRole, string>(options)
{
    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();

    public DbSet<LedgerNode> LedgerNodes => Set<LedgerNode>();

    public DbSet<Transparency.LedgerCheckpoint> LedgerCheckpoints => Set<Transparency.LedgerCheckpoint>();

    public DbSet<Person> People => Set<Person>();

    public DbSet<ClassOrder> ClassOrders => Set<ClassOrder>();

    public DbSet<ClassOrderConflict> ClassOrderConflicts => Set<ClassOrderConflict>();

    public DbSet<CourtOrderConflict> CourtOrderConflicts => Set<CourtOrderConflict>();

    public DbSet<InformationRequests.InformationRequest> InformationRequests => Set<InformationRequests.InformationRequest>();

    public DbSet<Discipline.DisciplinaryMeasure> DisciplinaryMeasures => Set<Discipline.DisciplinaryMeasure>();

    public DbSet<Complaints.Complaint> Complaints => Set<Complaints.Complaint>();

    public DbSet<Access.RoleGrantRequest> RoleGrantRequests => Set<Access.RoleGrantRequest>();

    public DbSet<Access.PersonRead> PersonReads => Set<Access.PersonRead>();

    public DbSet<Hearings.Hearing> Hearings => Set<Hearings.Hearing>();

    public DbSet<Agreement> Agreements => Set<Agreement>();

    public DbSet<AgreementVersion> AgreementVersions => Set<AgreementVersion>();

    public DbSet<EnteredCourtOrder> CourtOrders => Set<EnteredCourtOrder>();

    public DbSet<Facts.EnteredFact> EnteredFacts => Set<Facts.EnteredFact>();

    public DbSet<Facilities.Facility> Facilities => Set<Facilities.Facility>();

    public DbSet<Transfers.CustodyRecord> CustodyRecords => Set<Transfers.CustodyRecord>();

    public DbSet<Transfers.Manifest> Manifests => Set<Transfers.Manifest>();

    public DbSet<Transfers.ManifestPerson> ManifestPeople => Set<Transfers.ManifestPerson>();

    public DbSet<Transfers.ManifestDiscrepancy> ManifestDiscrepancies => Set<Transfers.ManifestDiscrepancy>();

    public DbSet<Transfers.Incident> Incidents => Set<Transfers.Incident>();

    public DbSet<Notifications.Notification> Notifications => Set<Notifications.Notification>();

    public DbSet<Facilities.Cell> Cells => Set<Facilities.Cell>();

    public DbSet<Facilities.Admission> Admissions => Set<Facilities.Admission>();

    public DbSet<Facilities.CellAssignment> CellAssignments => Set<Facilities.CellAssignment>();

    public DbSet<Facilities.WelfareCheck> WelfareChecks => Set<Facilities.WelfareCheck>();

    public DbSet<Facilities.AccessVisit> AccessVisits => Set<Facilities.AccessVisit>();

    public DbSet<Corrections.Correction> Corrections => Set<Corrections.Correction>();

    public DbSet<Production.ProductionRequest> ProductionRequests => Set<Production.ProductionRequest>();

    public DbSet<Production.WhereaboutsDeclaration> WhereaboutsDeclarations => Set<Production.WhereaboutsDeclaration>();

    public DbSet<Facilities.InformationRestriction> InformationRestrictions => Set<Facilities.InformationRestriction>();

    public DbSet<Facilities.Inspection> Inspections => Set<Facilities.Inspection>();

    public DbSet<Facilities.FollowUpAction> FollowUpActions => Set<Facilities.FollowUpAction>();

    public DbSet<Billing.PaymentHold> PaymentHolds => Set<Billing.PaymentHold>();

    public DbSet<Billing.Invoice> Invoices => Set<Billing.Invoice>();

    public DbSet<Billing.Dispute> Disputes => Set<Billing.Dispute>();

    public DbSet<Billing.CreditNote> CreditNotes => Set<Billing.CreditNote>();

    public DbSet<Billing.Payment> Payments => Set<Billing.Payment>();

    public DbSet<Locator.LocatorKey> LocatorKeys => Set<Locator.LocatorKey>();

    /// <summary>Responses kept for Idempotency-Key retries: a cache of answers, not register state, so not ledgered.</summary>
    public DbSet<Idempotency.IdempotentRequest> IdempotentRequests => Set<Idempotency.IdempotentRequest>();

    /// <summary>The ledger writer of the unit of work in progress, whose entries every save writes first.</summary>
    internal LedgerWriter? Ledger { get; set; }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        Ledger?.Flush();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (Ledger is { } ledger)
        {
            await ledger.FlushAsync(cancellationToken);
        }
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // SQLite hands DateTime back as Unspecified; every instant here is UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);

        builder.Entity<LedgerEntry>(e =>
        {
            e.ToTable("LedgerEntries");
            e.HasKey(x => x.Seq);
            e.Property(x => x.Seq).ValueGeneratedNever();
            e.Property(x => x.Actor).HasMaxLength(200);
            e.Property(x => x.Kind).HasMaxLength(64);
            e.Property(x => x.Subject).HasMaxLength(200);
            e.HasIndex(x => x.Subject);
        });
        builder.Entity<LedgerNode>(e =>
        {
            e.ToTable("LedgerNodes");
            e.HasKey(x => new { x.Level, x.Index });
        });
        builder.Entity<Transparency.LedgerCheckpoint>(e =>
        {
            e.ToTable("LedgerCheckpoints");
            e.HasKey(x => x.Size);
            e.Property(x => x.Size).ValueGeneratedNever();
        });
        builder.Entity<Person>(e =>
        {
            e.ToTable("People");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => x.ExternalId).IsUnique();
            e.Property(x => x.ExternalId).HasMaxLength(64);
            e.Property(x => x.GivenName).HasMaxLength(200);
            e.Property(x => x.FamilyName).HasMaxLength(200);
            e.Property(x => x.CountryOfBirth).HasMaxLength(2);
            e.HasIndex(x => new { x.FamilyName, x.GivenName });
        });
        builder.Entity<ClassOrder>(e =>
        {
            e.ToTable("ClassOrders");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
        });
        builder.Entity<ClassOrderConflict>(e =>
        {
            e.ToTable("ClassOrderConflicts");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => x.ClassOrderId);
            e.HasOne<ClassOrder>().WithMany().HasForeignKey(x => x.ClassOrderId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<EnteredCourtOrder>(e =>
        {
            e.ToTable("CourtOrders");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => x.PersonId);
            e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.Kind).HasMaxLength(64);
            e.Property(x => x.Court).HasMaxLength(200);
            e.Property(x => x.Docket).HasMaxLength(100);
            e.Property(x => x.DocumentReference).HasMaxLength(500);
        });
        builder.Entity<Hearings.Hearing>(e =>
        {
            e.ToTable("Hearings");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => x.PersonId);
            e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Access.PersonRead>(e =>
        {
            e.ToTable("PersonReads");
            e.HasKey(x => new { x.PersonId, x.Seq });
            e.Property(x => x.Seq).ValueGeneratedNever();
        });
        builder.Entity<Access.RoleGrantRequest>(e =>
        {
            e.ToTable("RoleGrantRequests");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => new { x.UserId, x.Status });
            e.HasOne<CustodyUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Complaints.Complaint>(e =>
        {
            e.ToTable("Complaints");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => x.PersonId);
            e.HasIndex(x => x.AnsweredAt);
            e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Discipline.DisciplinaryMeasure>(e =>
        {
            e.ToTable("DisciplinaryMeasures");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => x.PersonId);
            e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<InformationRequests.InformationRequest>(e =>
        {
            e.ToTable("InformationRequests");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => x.TokenHash).IsUnique();
            e.HasIndex(x => new { x.Status, x.DueAt });
            e.Property(x => x.Reference).HasMaxLength(16);
            e.Property(x => x.TokenHash).HasMaxLength(64);
            e.Property(x => x.Status).HasMaxLength(16);
        });
        builder.Entity<CourtOrderConflict>(e =>
        {
            e.ToTable("CourtOrderConflicts");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => x.PersonId);
            e.HasIndex(x => x.CourtOrderId);
            e.HasOne<EnteredCourtOrder>().WithMany().HasForeignKey(x => x.CourtOrderId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Facts.EnteredFact>(e =>
        {
            e.ToTable("EnteredFacts");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => x.PersonId);
            e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.Kind).HasMaxLength(32);
        });
        TransferModel.Configure(builder);
        RegisterModel.Configure(builder);
        builder.Entity<Corrections.Correction>(e =>
        {
            e.ToTable("Corrections");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => x.PersonId);
            e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Production.ProductionRequest>(e =>
        {
            e.ToTable("ProductionRequests");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => new { x.Status, x.Deadline });
            e.HasIndex(x => x.PersonId);
            e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Production.WhereaboutsDeclaration>(e =>
        {
            e.ToTable("WhereaboutsDeclarations");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => x.RequestId).IsUnique();
            e.HasOne<Production.ProductionRequest>().WithMany().HasForeignKey(x => x.RequestId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Billing.PaymentHold>(e =>
        {
            e.ToTable("PaymentHolds");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => x.AgreementId);
        });
        builder.Entity<Billing.Invoice>(e =>
        {
            e.ToTable("Invoices");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => x.Number).IsUnique();
            e.HasIndex(x => new { x.AgreementId, x.Month }).IsUnique();
            e.Property(x => x.Total).HasPrecision(18, 4);
        });
        builder.Entity<Billing.Dispute>(e =>
        {
            e.ToTable("Disputes");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => x.InvoiceId);
            e.Property(x => x.AnswerCredit).HasPrecision(18, 4);
        });
        builder.Entity<Billing.CreditNote>(e =>
        {
            e.ToTable("CreditNotes");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => x.Number).IsUnique();
            e.HasIndex(x => x.InvoiceId);
            e.Property(x => x.Amount).HasPrecision(18, 4);
        });
        builder.Entity<Billing.Payment>(e =>
        {
            e.ToTable("Payments");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => x.InvoiceId);
            e.Property(x => x.Amount).HasPrecision(18, 4);
        });
        builder.Entity<Agreement>(e =>
        {
            e.ToTable("Agreements");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.SendingState).HasMaxLength(2);
            e.Property(x => x.ReceivingState).HasMaxLength(2);
        });
        builder.Entity<AgreementVersion>(e =>
        {
            e.ToTable("AgreementVersions");
            e.HasKey(x => new { x.AgreementId, x.Number });
            e.HasOne<Agreement>().WithMany().HasForeignKey(x => x.AgreementId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}

/// <summary>Marks every instant read back as UTC (SQLite stores it as text without a zone).</summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

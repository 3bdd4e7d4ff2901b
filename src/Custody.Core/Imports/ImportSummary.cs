namespace Custody.Imports;

/// <summary>What an import did. An import that changed nothing appended nothing.</summary>
public sealed record ImportSummary(
    string Format,
    string? AgreementId,
    int PeopleRegistered,
    int PeopleUpdated,
    int PeopleUnchanged,
    int ClassOrdersRecorded,
    int ClassOrdersUpdated,
    int VersionsAdded,
    int VersionsUnchanged,
    long EntriesAppended,
    long LedgerSize)
{
    /// <summary>Class orders of the bundle that differ from a court's record: kept for legal review, not applied.</summary>
    public IReadOnlyList<string> ClassOrderConflicts { get; init; } = [];

    /// <summary>Court orders naming a person whose bundle copy differs from the order entered in Custody: kept for legal review, not applied.</summary>
    public IReadOnlyList<string> CourtOrderConflicts { get; init; } = [];
}

/// <summary>Progress of a long import: bytes of the file read and people handled.</summary>
public readonly record struct ImportProgress(long BytesRead, int People);

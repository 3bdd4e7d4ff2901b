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
    long LedgerSize);

/// <summary>Progress of a long import: bytes read of the file and people handled.</summary>
public readonly record struct ImportProgress(string Phase, long BytesRead, long BytesTotal, int People);

using System.Text.Json.Nodes;

namespace Custody.Facts;

public sealed record EnteredFactView(Guid Id, Guid PersonId, string Kind, JsonObject Fact, string EnteredBy, DateTime EnteredAt, string? UpdatedBy, int Revision)
{
    public static EnteredFactView Of(EnteredFact f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new(f.Id, f.PersonId, f.Kind, f.FactObject(), f.EnteredBy, f.EnteredAt, f.UpdatedBy, f.Revision);
    }
}

/// <summary>What a command did, with anything a careful officer should know but that does not stop it.</summary>
public sealed record FactOutcome(EnteredFactView Fact, IReadOnlyList<string> Warnings);

/// <summary>A designation as screening sees it, whether it is validated, and what it lacks if not.</summary>
public sealed record DesignationStatus(string Group, bool Validated, IReadOnlyList<string> Missing, IReadOnlyList<string> Evidence, IReadOnlyList<string> Reviewers, string Source);

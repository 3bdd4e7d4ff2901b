using System.Text.Json.Nodes;
using Custody.Ledger;

namespace Custody.Imports;

/// <summary>What changed between two versions of a record, property by top-level property.</summary>
public sealed record JsonChanges(JsonObject Set, IReadOnlyList<string> Removed)
{
    public bool IsEmpty => Set.Count == 0 && Removed.Count == 0;

    /// <summary>Applies the changes to a record's facts, in place; returns them.</summary>
    public JsonObject ApplyTo(JsonObject facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        foreach (var (name, value) in Set)
        {
            facts[name] = value?.DeepClone();
        }
        foreach (var name in Removed)
        {
            facts.Remove(name);
        }
        return facts;
    }

    /// <summary>Compares by canonical form, so that key order and spacing never count as a change.</summary>
    public static JsonChanges Between(JsonObject before, JsonObject after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var set = new JsonObject();
        foreach (var (name, value) in after.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!before.TryGetPropertyValue(name, out var old) || CanonicalJson.ToText(old) != CanonicalJson.ToText(value))
            {
                set[name] = value?.DeepClone();
            }
        }
        var removed = before.Select(p => p.Key).Where(k => !after.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        return new JsonChanges(set, removed);
    }
}

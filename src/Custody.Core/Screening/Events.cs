using System.Text.Json.Serialization;
using Custody.Ledger;

namespace Custody.Screening;

/// <summary>
/// The screening decision at a step that moves a person closer to the receiving state, as it was
/// made: the agreement version cited, every reason, flag and category, and the fact behind each
/// reason. When it names a manifest it is also that manifest's record of the person's last screening.
/// </summary>
public sealed record ScreeningDecided(Guid Person, string ExternalId, string Step, string Agreement, int AgreementVersion, string Destination, DateTime At,
    string Outcome, IReadOnlyList<string> Reasons, IReadOnlyList<string> Flags, IReadOnlyList<string> Categories, IReadOnlyList<ScreeningCause> Causes,
    Guid? Manifest = null) : ILedgerEvent<ScreeningDecided>
{
    public static string EntryKind => "screening.decided";

    public string Subject() => "person:" + Person;
}

/// <summary>Applies a step's screening to the manifest it was made for; a screening outside a manifest changes no table.</summary>
public static class ScreeningProjector
{
    public static void Register(EventRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.On<ScreeningDecided>((e, entry, store) =>
        {
            if (e.Manifest is { } manifest)
            {
                Transfers.TransfersProjector.Screened(Transfers.TransfersProjector.PersonOn(store, manifest, e.Person), e.At, e.Outcome, e.Reasons, entry);
            }
        });
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true, Converters = [typeof(InstantJsonConverter), typeof(DecimalTextJsonConverter)])]
[JsonSerializable(typeof(ScreeningDecided))]
internal sealed partial class ScreeningEventsJson : JsonSerializerContext;

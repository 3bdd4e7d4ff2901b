using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Custody.Ledger;

/// <summary>An entry that cannot be applied to the state rebuilt so far (an update of an unknown record, a bad payload).</summary>
public sealed class ProjectionException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Every ledger kind: its event type, its JSON contract, and either the projector that applies it
/// to the state tables or the reason it changes none (audit only). Commands, imports and
/// verification all go through here, so the tables written and the tables rebuilt cannot drift
/// apart. Built once from each feature's projector (<see cref="Default"/>).
/// </summary>
public sealed class EventRegistry
{
    /// <summary>One kind. <see cref="Apply"/> is null for audit-only kinds, which say why in <see cref="AuditOnly"/>.</summary>
    public sealed record Registration(string Kind, Type Type, JsonTypeInfo TypeInfo, Action<ILedgerEvent, LedgerEntry, IProjectionStore>? Apply, string? AuditOnly);

    private readonly Dictionary<string, Registration> _byKind = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, Registration> _byType = [];
    private readonly HashSet<Type> _tables = [];
    private readonly JsonSerializerOptions _options;

    private EventRegistry(JsonSerializerOptions options) => _options = options;

    /// <summary>The registry of every feature's events, projectors and tables.</summary>
    public static EventRegistry Default { get; } = Build();

    public IReadOnlyCollection<Registration> Kinds => _byKind.Values;

    /// <summary>The entity types the projectors write: verification rebuilds each of them from the ledger.</summary>
    public IReadOnlySet<Type> Tables => _tables;

    /// <summary>Registers a kind and the projector that applies it.</summary>
    public EventRegistry On<T>(Action<T, LedgerEntry, IProjectionStore> apply)
        where T : class, ILedgerEvent<T>
    {
        ArgumentNullException.ThrowIfNull(apply);
        return Add<T>((e, entry, store) => apply((T)e, entry, store), null);
    }

    /// <summary>Registers a kind that records something without changing a state table, and why.</summary>
    public EventRegistry AuditOnly<T>(string why)
        where T : class, ILedgerEvent<T> => Add<T>(null, why);

    /// <summary>Declares an entity type that projectors write (rebuilt and compared by verification).</summary>
    public EventRegistry Projects<T>()
        where T : class
    {
        _tables.Add(typeof(T));
        return this;
    }

    private EventRegistry Add<T>(Action<ILedgerEvent, LedgerEntry, IProjectionStore>? apply, string? auditOnly)
        where T : class, ILedgerEvent<T>
    {
        var registration = new Registration(T.EntryKind, typeof(T), _options.GetTypeInfo(typeof(T)), apply, auditOnly);
        if (!_byKind.TryAdd(T.EntryKind, registration) || !_byType.TryAdd(typeof(T), registration))
        {
            throw new InvalidOperationException($"The ledger kind {T.EntryKind} ({typeof(T).Name}) is registered twice.");
        }
        return this;
    }

    /// <exception cref="InvalidOperationException">The type is not registered (a bug: every event type is).</exception>
    public Registration For(Type type) =>
        _byType.TryGetValue(type, out var registration) ? registration : throw new InvalidOperationException($"{type.Name} is not a registered ledger event.");

    public Registration? ForKind(string kind) => _byKind.GetValueOrDefault(kind);

    /// <summary>The event as its entry's payload (to be canonicalized by the ledger).</summary>
    public JsonObject ToPayload(ILedgerEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return JsonSerializer.SerializeToNode(e, For(e.GetType()).TypeInfo)!.AsObject();
    }

    /// <summary>Reads a payload already parsed (a history view, a test) back as its event.</summary>
    /// <exception cref="ProjectionException">The kind is unknown or the payload does not fit its type.</exception>
    public ILedgerEvent Read(string kind, JsonObject payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return Read(kind, System.Text.Encoding.UTF8.GetBytes(payload.ToJsonString()));
    }

    /// <summary>Applies an event to the store (nothing for an audit-only kind).</summary>
    public void Apply(ILedgerEvent e, LedgerEntry entry, IProjectionStore store)
    {
        ArgumentNullException.ThrowIfNull(e);
        For(e.GetType()).Apply?.Invoke(e, entry, store);
    }

    /// <summary>Reads a stored payload, as its bytes, back as its event.</summary>
    /// <exception cref="ProjectionException">The kind is unknown or the payload does not fit its type.</exception>
    public ILedgerEvent Read(string kind, ReadOnlySpan<byte> payload)
    {
        var registration = ForKind(kind) ?? throw new ProjectionException($"unknown entry kind \"{kind}\"");
        try
        {
            return (ILedgerEvent)(JsonSerializer.Deserialize(payload, registration.TypeInfo) ?? throw new ProjectionException($"payload of {kind} is null"));
        }
        catch (JsonException ex)
        {
            throw new ProjectionException($"payload of {kind} is malformed: {ex.Message}", ex);
        }
    }

    /// <summary>Replays a stored entry: read, then apply; anything that does not fit is a <see cref="ProjectionException"/>.</summary>
    public void Replay(StoredContent content, IProjectionStore store)
    {
        var e = Read(content.Kind, content.Payload.Span);
        var entry = new LedgerEntry
        {
            Seq = content.Seq,
            OccurredAt = content.OccurredAt,
            RecordedAt = content.RecordedAt,
            Actor = content.Actor,
            Kind = content.Kind,
            Subject = content.Subject,
            Content = [],
            LeafHash = [],
            ChainHash = [],
        };
        if (e.Subject() != content.Subject)
        {
            throw new ProjectionException($"the entry's subject {content.Subject} is not the one its payload names ({e.Subject()})");
        }
        try
        {
            Apply(e, entry, store);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or KeyNotFoundException or FormatException or NullReferenceException)
        {
            throw new ProjectionException($"{content.Kind} does not fit the state rebuilt so far: {ex.Message}", ex);
        }
    }

    private static EventRegistry Build()
    {
        var registry = new EventRegistry(LedgerJson.Options);
        LedgerProjectors.RegisterAll(registry);
        return registry;
    }
}

using System.Collections;
using System.Reflection;
using System.Text.Json.Nodes;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Core.Tests.Ledger;

/// <summary>
/// The ledger's contract held by construction: every event type has a kind, a JSON contract and
/// either a projector or a reason to change nothing; every table of the model is either projected
/// (and so rebuilt by verification) or declared outside the ledger with a reason; and every event
/// serializes to canonical bytes that read back to an equal event and re-serialize to the same bytes.
/// </summary>
public sealed class EventRegistryTests
{
    private static readonly Type[] EventTypes = typeof(EventRegistry).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ILedgerEvent<>)))
        .OrderBy(t => t.FullName, StringComparer.Ordinal).ToArray();

    public static TheoryData<string> EventTypeNames() => new(EventTypes.Select(t => t.FullName!));

    private static Type EventType(string name) => EventTypes.Single(t => t.FullName == name);

    private static Microsoft.EntityFrameworkCore.Metadata.IModel Model()
    {
        using var db = new CustodyDbContext(new DbContextOptionsBuilder<CustodyDbContext>().UseSqlite("Data Source=:memory:").Options);
        return db.Model;
    }

    [Fact]
    public void Registry_HasEveryEventType_WithAKindOnce_AndEitherAProjectorOrAReason()
    {
        var registry = EventRegistry.Default;

        Assert.NotEmpty(EventTypes);
        Assert.Equal(EventTypes.Length, registry.Kinds.Count);
        foreach (var type in EventTypes)
        {
            var registration = registry.For(type);
            Assert.Matches("^[a-z0-9-]+\\.[a-z0-9-]+$", registration.Kind);
            Assert.True(registration.Apply is not null ^ !string.IsNullOrWhiteSpace(registration.AuditOnly), $"{type.Name}: a projector or an audit-only reason, exactly one");
        }
    }

    [Fact]
    public void Model_EveryEntityType_IsProjectedOrDeclaredOutsideTheLedger_NeverBoth()
    {
        var projected = EventRegistry.Default.Tables;

        foreach (var entity in Model().GetEntityTypes().Where(t => !t.IsOwned()))
        {
            var outside = OutsideLedger.Why(entity.ClrType);
            Assert.True(projected.Contains(entity.ClrType) ^ outside is not null,
                $"{entity.ClrType.Name}: {(outside is null ? "neither projected by any projector nor declared in OutsideLedger" : "both projected and declared outside the ledger")}");
        }
        Assert.All(projected, t => Assert.NotNull(Model().FindEntityType(t)));
    }

    [Theory]
    [MemberData(nameof(EventTypeNames))]
    public void Event_SerializesCanonically_ReadsBackEqual_AndReserializesToTheSameBytes(string typeName)
    {
        var type = EventType(typeName);
        var registry = EventRegistry.Default;
        var kind = registry.For(type).Kind;
        for (var seed = 0; seed < 40; seed++)
        {
            var original = (ILedgerEvent)new Values(new Random(seed * 7919 + typeName.Length)).Of(type);

            var bytes = CanonicalJson.ToBytes(registry.ToPayload(original));
            var read = registry.Read(kind, JsonNode.Parse(bytes)!.AsObject());
            var again = CanonicalJson.ToBytes(registry.ToPayload(read));

            Assert.Equal(System.Text.Encoding.UTF8.GetString(bytes), System.Text.Encoding.UTF8.GetString(again));
            Assert.True(DeepEqual(original, read, out var where), $"{type.Name} seed {seed}: {where} differs after reading back {System.Text.Encoding.UTF8.GetString(bytes)}");
            Assert.Equal(original.Subject(), read.Subject());
        }
    }

    [Fact]
    public void Read_MissingRequiredValue_IsAProjectionException()
    {
        var registry = EventRegistry.Default;

        var error = Assert.Throws<ProjectionException>(() => registry.Read("manifest.person-added", new JsonObject { ["manifest"] = Guid.NewGuid().ToString(), ["role"] = "principal" }));

        Assert.Contains("malformed", error.Message, StringComparison.Ordinal);
        Assert.Throws<ProjectionException>(() => registry.Read("manifest.person-added", new JsonObject { ["manifest"] = Guid.NewGuid().ToString(), ["person"] = null, ["role"] = "principal" }));
        Assert.Throws<ProjectionException>(() => registry.Read("no.such-kind", new JsonObject()));
    }

    private static bool DeepEqual(object? a, object? b, out string where)
    {
        where = "";
        switch (a, b)
        {
            case (null, null):
                return true;
            case (null, _) or (_, null):
                where = "null";
                return false;
            case (JsonNode x, JsonNode y):
                where = "json";
                return JsonNode.DeepEquals(x, y);
            case (string x, string y):
                return x == y;
            case (IDictionary x, IDictionary y):
                where = "dictionary";
                return x.Count == y.Count && x.Keys.Cast<object>().All(k => y.Contains(k) && DeepEqual(x[k], y[k], out _));
            case (IEnumerable x, IEnumerable y):
                var left = x.Cast<object?>().ToList();
                var right = y.Cast<object?>().ToList();
                if (left.Count != right.Count)
                {
                    where = "count";
                    return false;
                }
                for (var i = 0; i < left.Count; i++)
                {
                    if (!DeepEqual(left[i], right[i], out where))
                    {
                        where = $"[{i}]{where}";
                        return false;
                    }
                }
                return true;
        }
        var type = a.GetType();
        if (type.IsPrimitive || type.IsEnum || a is Guid or DateTime or DateOnly or decimal)
        {
            return a.Equals(b);
        }
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            if (!DeepEqual(property.GetValue(a), property.GetValue(b), out where))
            {
                where = $".{property.Name}{where}";
                return false;
            }
        }
        return true;
    }

    /// <summary>Random values for an event's constructor parameters, of every shape events use.</summary>
    private sealed class Values(Random random)
    {
        private static readonly string[] Texts = ["", "Ana", "Menjívar Núñez", "line\nbreak \"quoted\" \\ back", "日本語", "emoji 🙂", "<script>&amp;"];

        public object Of(Type type)
        {
            var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
            var context = new NullabilityInfoContext();
            return constructor.Invoke(constructor.GetParameters().Select(p => Value(p.ParameterType, context.Create(p))).ToArray());
        }

        private object? Value(Type type, NullabilityInfo nullability)
        {
            var underlying = Nullable.GetUnderlyingType(type);
            if ((underlying is not null || nullability.WriteState == NullabilityState.Nullable) && random.Next(3) == 0)
            {
                return null;
            }
            type = underlying ?? type;
            if (type == typeof(string))
            {
                return Texts[random.Next(Texts.Length)] + random.Next(1000);
            }
            if (type == typeof(Guid))
            {
                return Guid.CreateVersion7(DateTimeOffset.UnixEpoch.AddSeconds(random.Next()));
            }
            if (type == typeof(DateTime))
            {
                // Instants are kept to the microsecond, as Instants writes them.
                return new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(random.NextInt64(0, TimeSpan.TicksPerDay * 3650) / 10 * 10);
            }
            if (type == typeof(DateOnly))
            {
                return DateOnly.FromDayNumber(random.Next(730000, 740000));
            }
            if (type == typeof(int))
            {
                return random.Next(-5, 100000);
            }
            if (type == typeof(long))
            {
                return random.NextInt64(0, long.MaxValue);
            }
            if (type == typeof(bool))
            {
                return random.Next(2) == 0;
            }
            if (type == typeof(decimal))
            {
                return new decimal(random.Next(0, int.MaxValue), 0, 0, false, (byte)random.Next(0, 4));
            }
            if (type == typeof(double))
            {
                return Math.Round(random.NextDouble() * 1000, 2);
            }
            if (typeof(JsonNode).IsAssignableFrom(type))
            {
                // An "id" too: some events take their subject from the free JSON they carry (a class order's id).
                return new JsonObject { ["id"] = "id-" + random.Next(1000), ["text"] = Texts[random.Next(Texts.Length)], ["n"] = random.Next(100), ["list"] = new JsonArray("a", "b"), ["nested"] = new JsonObject { ["yes"] = true } };
            }
            if (type.IsGenericType && type.GetGenericTypeDefinition() is var definition
                && (definition == typeof(IReadOnlyList<>) || definition == typeof(List<>) || definition == typeof(IReadOnlyCollection<>) || definition == typeof(IEnumerable<>)))
            {
                var item = type.GetGenericArguments()[0];
                var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(item))!;
                var itemNullability = nullability.GenericTypeArguments.FirstOrDefault() ?? nullability;
                for (var i = random.Next(4); i > 0; i--)
                {
                    list.Add(Value(item, itemNullability));
                }
                return list;
            }
            if (type.IsGenericType && type.GetGenericTypeDefinition() is var map && (map == typeof(IReadOnlyDictionary<,>) || map == typeof(Dictionary<,>)))
            {
                var (keyType, valueType) = (type.GetGenericArguments()[0], type.GetGenericArguments()[1]);
                var dictionary = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(keyType, valueType))!;
                var valueNullability = nullability.GenericTypeArguments.ElementAtOrDefault(1) ?? nullability;
                for (var i = random.Next(4); i > 0; i--)
                {
                    dictionary[Value(keyType, nullability.GenericTypeArguments[0])!] = Value(valueType, valueNullability);
                }
                return dictionary;
            }
            if (type.IsClass && type.GetConstructors().Length > 0)
            {
                return Of(type);
            }
            throw new NotSupportedException($"No generator for {type.Name}: add one here.");
        }
    }
}

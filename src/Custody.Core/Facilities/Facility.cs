using Custody.Ledger;

namespace Custody.Facilities;

/// <summary>
/// A place where people are held, on either side: its name, address and telephone are what the
/// locator, counsel and families are told (DOMAIN.md invariant 3), so they are required. A
/// projection of <c>facility.registered</c> / <c>facility.updated</c> entries.
/// </summary>
public sealed class Facility
{
    /// <summary>A short stable slug chosen when registered (e.g. <c>sv-cecot</c>).</summary>
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>ISO 3166-1 alpha-2 code of the state the facility is in and run by.</summary>
    public string State { get; set; } = "";

    /// <summary>One of <see cref="Kinds"/>.</summary>
    public string Kind { get; set; } = "";

    public string Address { get; set; } = "";

    public string Telephone { get; set; } = "";

    /// <summary>IANA time zone: local dates (midnight counts, notices) are taken in it.</summary>
    public string TimeZone { get; set; } = "";

    public int Revision { get; set; }

    public long LastSeq { get; set; }

    public static readonly IReadOnlyList<string> Kinds = ["processing-centre", "prison", "detention-centre", "airport-holding"];

    public static Facility Register(FacilityRegistered registered, LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(registered);
        var facility = new Facility { Id = registered.Id };
        facility.Set(registered.Name, registered.State, registered.Kind, registered.Address, registered.Telephone, registered.TimeZone, entry);
        return facility;
    }

    public void Update(FacilityUpdated updated, LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(updated);
        Set(updated.Name, updated.State, updated.Kind, updated.Address, updated.Telephone, updated.TimeZone, entry);
    }

    private void Set(string name, string state, string kind, string address, string telephone, string timeZone, LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Name = name;
        State = state;
        Kind = kind;
        Address = address;
        Telephone = telephone;
        TimeZone = timeZone;
        Revision++;
        LastSeq = entry.Seq;
    }
}

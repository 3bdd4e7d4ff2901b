namespace Custody.Production;

public sealed record DeclarationView(Guid Id, string Custodian, string PlaceKind, string? FacilityId, DateTime LastSeenAt, string SeenBy,
    Guid? WelfareCheck, Guid? Visit, string? ProducedBy, string DeclaredBy, DateTime DeclaredAt);

public sealed record ProductionRequestView(Guid Id, Guid PersonId, string Kind, string Court, string? Docket, string? Details, DateTime Deadline,
    string OrderedBy, DateTime OrderedAt, string Status, bool Overdue, bool AnsweredLate, DeclarationView? Declaration)
{
    public static ProductionRequestView Of(ProductionRequest r, WhereaboutsDeclaration? d, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Id, r.PersonId, r.Kind, r.Court, r.Docket, r.Details, r.Deadline, r.OrderedBy, r.OrderedAt, r.Status,
            r.Status == ProductionRequest.Open && r.Deadline < now, r.AnsweredLate,
            d is null ? null : new DeclarationView(d.Id, d.Custodian, d.PlaceKind, d.FacilityId, d.LastSeenAt, d.SeenBy, d.WelfareCheckId, d.VisitId, d.ProducedBy, d.DeclaredBy, d.DeclaredAt));
    }

    internal static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

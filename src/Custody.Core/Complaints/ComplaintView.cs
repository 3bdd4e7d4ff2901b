namespace Custody.Complaints;

public sealed record ComplaintView(Guid Id, Guid PersonId, string? FacilityId, string FiledBy, string Kind, string Text, string Status, DateTime ReceivedAt,
    DateTime AcknowledgeBy, DateTime AnswerBy, DateTime? AcknowledgedAt, string? Answer, DateTime? AnsweredAt, DateTime? ReferredAt, bool Overdue)
{
    public static ComplaintView Of(Complaint c, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(c);
        var overdue = c.AnsweredAt is null && ((c.AcknowledgedAt is null && now > c.AcknowledgeBy) || now > c.AnswerBy);
        return new(c.Id, c.PersonId, c.FacilityId, c.FiledBy, c.Kind, c.Text, c.Status, c.ReceivedAt, c.AcknowledgeBy, c.AnswerBy, c.AcknowledgedAt, c.Answer,
            c.AnsweredAt, c.ReferredAt, overdue);
    }
}

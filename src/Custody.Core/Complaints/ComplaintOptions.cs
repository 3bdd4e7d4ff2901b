namespace Custody.Complaints;

/// <summary>How long the facility has to acknowledge and to answer.</summary>
public sealed class ComplaintOptions
{
    public int AcknowledgeHours { get; set; } = 24;

    public int AnswerDays { get; set; } = 7;
}

using Custody.Common;
using Custody.Facilities;
using Custody.Transfers;
using Custody.Web.Auth;

namespace Custody.Web.Api;

/// <summary>The receiving facility's register: cells, admission, cells and moves, welfare, visits, restrictions, release, incidents, art. 18.</summary>
public static class RegisterApi
{
    public static void MapRegisterApi(this IEndpointRouteBuilder api)
    {
        var facility = api.MapGroup("/facilities/{facilityId}").WithTags("Facility register");
        facility.MapGet("/register", async (string facilityId, ReadRegister read, CancellationToken ct) =>
                await read.RegisterAsync(facilityId, ct) is { } view ? Results.Ok(view) : ApiResults.Problem(new NotFound($"No facility {facilityId}.")))
            .RequireAuthorization(Policies.ReadRegister)
            .WithSummary("Who is held (admission, cell, last welfare check, disposition due), who awaits admission, and occupancy now.")
            .Produces<FacilityRegisterView>().ProducesProblem(StatusCodes.Status404NotFound);
        facility.MapGet("/occupancy", async (string facilityId, string? at, ReadRegister read, TimeProvider time, CancellationToken ct) =>
            {
                var instant = time.GetUtcNow();
                if (!string.IsNullOrWhiteSpace(at) && !Instants.TryParseRfc3339(at, out instant))
                {
                    return ApiResults.Problem(new Invalid([new FieldError("at", Instants.Rfc3339Expected)]));
                }
                return Results.Ok(await read.OccupancyAsync(facilityId, Instants.Utc(instant), ct));
            })
            .RequireAuthorization(Policies.ReadRegister)
            .WithSummary("Occupancy per cell, unit and facility at an instant (default now), counted from the register, with rates against design and operational capacity.")
            .Produces<Occupancy>().ProducesValidationProblem();
        facility.MapGet("/charts/occupancy.svg", async (string facilityId, int? days, ReadRegister read, TimeProvider time, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> localizer, CancellationToken ct) =>
            {
                var now = time.GetUtcNow().UtcDateTime;
                var span = Math.Clamp(days ?? 30, 1, 366);
                var series = new List<Occupancy>();
                for (var d = span; d >= 0; d--)
                {
                    series.Add(await read.OccupancyAsync(facilityId, now.AddDays(-d), ct));
                }
                return Results.Text(Reports.OccupancyCharts.OverTime(series, localizer["{0}: people held, last {1} days", facilityId, span].Value, localizer.Words()),
                    "image/svg+xml");
            })
            .RequireAuthorization(Policies.ReadRegister)
            .WithSummary("Occupancy over time (one point a day), counted from the register, against operational capacity, as SVG.")
            .ProducesFile("image/svg+xml");
        facility.MapGet("/charts/space.svg", async (string facilityId, ReadRegister read, RegisterCommands register, TimeProvider time, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> localizer, CancellationToken ct) =>
            {
                var occupancy = await read.OccupancyAsync(facilityId, time.GetUtcNow().UtcDateTime, ct);
                var (_, standards) = await register.FacilityStandardsAsync(facilityId, time.GetUtcNow(), ct);
                return Results.Text(Reports.OccupancyCharts.SpacePerPerson(occupancy, standards, localizer["{0}: m² per person across occupied cells", facilityId].Value,
                    localizer.Words()), "image/svg+xml");
            })
            .RequireAuthorization(Policies.ReadRegister)
            .WithSummary("Floor area per person in each occupied cell against the standards, as SVG.")
            .ProducesFile("image/svg+xml");
        facility.MapGet("/denied-visits", async (string facilityId, ReadRegister read, CancellationToken ct) => TypedResults.Ok(await read.DeniedVisitsAsync(facilityId, ct)))
            .RequireAuthorization(Policies.ReadRegister)
            .WithSummary("Visits denied to people held here, each a finding against the facility.");
        api.MapGet("/incidents", async (string? facility, ReadRegister read, CancellationToken ct) => TypedResults.Ok(await read.IncidentsAsync(facility, ct)))
            .WithTags("Facility register").RequireAuthorization(Policies.ReadRegister)
            .WithSummary("Incidents in transit and in facilities (filter by facility), newest first; the sending state's view of what happened to the people held on its behalf.");
        facility.MapGet("/not-seen", async (string facilityId, ReadRegister read, CancellationToken ct) => TypedResults.Ok(await read.NotSeenAsync(facilityId, ct)))
            .RequireAuthorization(Policies.ReadRegister)
            .WithSummary("People not seen for more than the agreement's welfareCheckMaxAgeDays.");
        facility.MapGet("/dispositions-due", async (string facilityId, ReadRegister read, CancellationToken ct) => TypedResults.Ok(await read.DispositionDueAsync(facilityId, ct)))
            .RequireAuthorization(Policies.ReadRegister)
            .WithSummary($"People whose custody term (custodyTermDays from admission) ends within {ReadRegister.DispositionNoticeDays} days.");
        facility.MapPost("/cells", async (string facilityId, RegisterCellRequest request, RegisterCommands commands, HttpContext http, CancellationToken ct) =>
                ApiResults.From(await commands.RegisterCellAsync(request with { FacilityId = facilityId }, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.ManageFacilities)
            .WithSummary("Register a cell: floor area, single or shared, bunks, toilets, showers, water, lighting hours, ventilation, design and operational capacity.")
            .Produces<CellView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        facility.MapPost("/incidents", async (FacilityId facilityId, RecordIncidentRequest request, RecordIncidentInFacility record, HttpContext http, CancellationToken ct) =>
                Answer<IncidentView>.From(await record.HandleAsync(facilityId, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.RecordIncidents)
            .WithSummary("Record an incident in the facility; queues at once the report to the independent authority and the next-of-kin notice, with deadlines.");

        facility.MapGet("/inspections", async (string facilityId, InspectionCommands inspections, CancellationToken ct) => TypedResults.Ok(await inspections.ListAsync(facilityId, ct)))
            .RequireAuthorization(Policies.ReadRegister)
            .WithSummary("Inspections of the facility, newest first, with findings and follow-up actions.");
        facility.MapGet("/inspections/overdue-actions", async (string facilityId, InspectionCommands inspections, CancellationToken ct) =>
                TypedResults.Ok(await inspections.OverdueAsync(facilityId, ct)))
            .RequireAuthorization(Policies.ReadRegister)
            .WithSummary("Follow-up actions past their deadline and not completed.");
        facility.MapPost("/inspections", async (string facilityId, RecordInspectionRequest request, InspectionCommands inspections, HttpContext http, CancellationToken ct) =>
                ApiResults.From(await inspections.RecordAsync(facilityId, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.Inspect)
            .WithSummary("Record an inspection of a cell: the measured checklist (space, water, toilets, showers, temperature, lighting incl. 24-hour lighting, ventilation, " +
                "sanitation, bedding); findings are computed against the agreement's standards with a severity; follow-up actions with owners and deadlines.")
            .Produces<InspectionView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/inspections/{inspectionId:guid}/report.pdf", async (Guid inspectionId, InspectionCommands inspections, CancellationToken ct) =>
                await inspections.FindAsync(inspectionId, ct) is { } view ? Results.File(Reports.InspectionReport.Pdf(view), "application/pdf", $"inspection-{inspectionId}.pdf")
                    : ApiResults.Problem(new NotFound($"No inspection {inspectionId}.")))
            .WithTags("Facility register").RequireAuthorization(Policies.ReadRegister)
            .WithSummary("The inspection report as PDF.")
            .ProducesFile("application/pdf").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/inspection-actions/{actionId:guid}/complete", async (Guid actionId, InspectionCommands inspections, HttpContext http, CancellationToken ct) =>
                ApiResults.From(await inspections.CompleteActionAsync(actionId, ApiResults.ViewerOf(http.User), ct)))
            .WithTags("Facility register").RequireAuthorization(Policies.KeepRegister)
            .WithSummary("Record that a follow-up action was done (by the facility). 409 if it already was.")
            .Produces<FollowUpActionView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var person = api.MapGroup("/people/{id:guid}").WithTags("Facility register");
        person.MapPost("/admission", async (Guid id, AdmitRequest request, RegisterCommands commands, HttpContext http, CancellationToken ct) =>
                ApiResults.From(await commands.AdmitAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.KeepRegister)
            .WithSummary("Admit a person whose hand-over completed. Every register field (identity, grounds and ordering authority, supervising authority, health at admission, " +
                "visible injuries, complaints of ill-treatment, property inventory, family members, emergency contact) has a value or status declined/unknown.")
            .Produces<AdmissionView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        person.MapPost("/cell", async (Guid id, AssignCellRequest request, RegisterCommands commands, HttpContext http, CancellationToken ct) =>
                ApiResults.From(await commands.AssignAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.KeepRegister)
            .WithSummary("Assign or move to a cell, checked against the agreement's facility standards: refused naming the breached standard, or recorded with a finding (onExceed: warn).")
            .Produces<CellAssignmentView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        person.MapPost("/release", async (Guid id, ReleaseRequest request, OversightCommands commands, HttpContext http, CancellationToken ct) =>
                ApiResults.From(await commands.ReleaseAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.KeepRegister)
            .WithSummary("Release, return to the sending state, or onward transfer (refused while a court order concerning the person is active), with date, destination and authority.")
            .Produces<AdmissionView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        person.MapPost("/incidents", async (PersonId id, RecordIncidentRequest request, RecordIncident record, HttpContext http, CancellationToken ct) =>
                Answer<IncidentView>.From(await record.HandleAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.RecordIncidents)
            .WithSummary("Record an incident concerning the person wherever their current custody record says they are (in transit, awaiting admission, admitted, in hospital); " +
                "queues the report to the independent authority, the next-of-kin notice and the sending state's notice, with deadlines.");
        person.MapPost("/hospital", async (Guid id, TakeToHospitalRequest request, HospitalEscorts escorts, HttpContext http, CancellationToken ct) =>
                ApiResults.From(await escorts.TakeAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.KeepRegister)
            .WithSummary("Take an admitted person to hospital under the facility's escort: the custody record names the hospital; the admission stays open.")
            .Produces<Custody.Transfers.CustodyRecordView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        person.MapPost("/hospital/return", async (Guid id, BackFromHospitalRequest request, HospitalEscorts escorts, HttpContext http, CancellationToken ct) =>
                ApiResults.From(await escorts.BringBackAsync(id, request ?? new BackFromHospitalRequest(null), ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.KeepRegister)
            .WithSummary("Record that a person in hospital is back at the facility.")
            .Produces<Custody.Transfers.CustodyRecordView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        person.MapPost("/welfare-checks", async (Guid id, WelfareCheckRequest request, OversightCommands commands, HttpContext http, CancellationToken ct) =>
                ApiResults.From(await commands.RecordWelfareCheckAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.RecordWelfare)
            .WithSummary("Record a welfare check: who saw the person, when, how identity was confirmed (verified-identifier, biometric-match, photograph-compared), condition, whether they spoke privately. The capacity is the account's (an inspector is an independent monitor; facility staff never make a day payable); a check seen more than 72 h before it is recorded is kept, marked late, and pays for nothing.")
            .Produces<WelfareCheckView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        person.MapPost("/visits", async (Guid id, VisitRequest request, OversightCommands commands, HttpContext http, CancellationToken ct) =>
                ApiResults.From(await commands.RequestVisitAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.RecordWelfare)
            .WithSummary("Request an access visit.")
            .Produces<AccessVisitView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        person.MapPost("/restrictions", async (Guid id, RestrictionRequest request, RestrictionCommands commands, HttpContext http, CancellationToken ct) =>
                ApiResults.From(await commands.RestrictAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.DecideAccess)
            .WithSummary("Restrict the art. 18 information on a person, with its legal ground, the authority imposing it and the date by which it is reviewed " +
                $"(at most {RestrictionCommands.MaxDaysToReview} days ahead); shown as restricted, never as not found.")
            .Produces<RestrictionView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        person.MapGet("/restrictions", async (Guid id, RestrictionCommands commands, HttpContext http, CancellationToken ct) =>
                ApiResults.From(await commands.ListAsync(id, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.ReadPeople)
            .WithSummary("Every restriction on the person: ground, authority, review date (lapsed when past and not lifted), lift, review asked.")
            .Produces<IReadOnlyList<RestrictionView>>().ProducesProblem(StatusCodes.Status404NotFound);
        person.MapPost("/disciplinary-measures", async (Guid id, Custody.Discipline.RecordMeasureRequest request, Custody.Discipline.DisciplineCommands commands, HttpContext http,
                CancellationToken ct) => ApiResults.From(await commands.RecordAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.KeepRegister)
            .WithSummary("Record a disciplinary measure: offence, hearing and its outcome, sanction, first day and days. Refused (409, naming each rule) when it breaches " +
                "the Nelson Mandela Rules: solitary confinement over 15 consecutive days, for children, pregnant women or people whose disability it would worsen, " +
                "or without a health assessment; dark or constantly lit cells, corporal punishment, reduced food or water, collective punishment.")
            .Produces<Custody.Discipline.DisciplinaryMeasureView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        person.MapGet("/disciplinary-measures", async (Guid id, Custody.Discipline.DisciplineCommands commands, HttpContext http, CancellationToken ct) =>
                ApiResults.From(await commands.ListAsync(id, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.ReadPeople)
            .WithSummary("The person's disciplinary measures, in order (counsel: their clients' only).")
            .Produces<IReadOnlyList<Custody.Discipline.DisciplinaryMeasureView>>().ProducesProblem(StatusCodes.Status404NotFound);
        person.MapPost("/complaints", async (Guid id, Custody.Complaints.FileComplaintRequest request, Custody.Complaints.ComplaintCommands commands, HttpContext http,
                CancellationToken ct) => ApiResults.From(await commands.FileAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.FileComplaints)
            .WithSummary("Receive a request or complaint (by the person, counsel or a relative), with deadlines to acknowledge and answer; a complaint of ill-treatment " +
                "is referred at once to the independent authority (queued with its deadline, same transaction).")
            .Produces<Custody.Complaints.ComplaintView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        person.MapGet("/complaints", async (Guid id, Custody.Complaints.ComplaintCommands commands, HttpContext http, CancellationToken ct) =>
                ApiResults.From(await commands.ListAsync(id, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.ReadPeople)
            .WithSummary("The person's requests and complaints, with their deadlines and answers.")
            .Produces<IReadOnlyList<Custody.Complaints.ComplaintView>>().ProducesProblem(StatusCodes.Status404NotFound);
        person.MapPost("/hearings", async (Guid id, Custody.Hearings.ScheduleHearingRequest request, Custody.Hearings.HearingCommands commands, HttpContext http,
                CancellationToken ct) => ApiResults.From(await commands.ScheduleAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.RecordHearings)
            .WithSummary("Record a hearing of the person's judicial process: court, date, purpose, docket.")
            .Produces<Custody.Hearings.HearingView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        person.MapGet("/hearings", async (Guid id, Custody.Hearings.HearingCommands commands, HttpContext http, CancellationToken ct) =>
                ApiResults.From(await commands.ListAsync(id, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.ReadPeople)
            .WithSummary("The person's hearings, in date order, with counsel's presence and the outcome once held.")
            .Produces<IReadOnlyList<Custody.Hearings.HearingView>>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/hearings/{hearingId:guid}/outcome", async (Guid hearingId, Custody.Hearings.HearingOutcomeRequest request, Custody.Hearings.HearingCommands commands,
                HttpContext http, CancellationToken ct) => ApiResults.From(await commands.RecordOutcomeAsync(hearingId, request, ApiResults.ViewerOf(http.User), ct)))
            .WithTags("Facility register").RequireAuthorization(Policies.RecordHearings)
            .WithSummary("Record that a hearing was held: whether counsel was present, and the outcome (409 before its date, or once recorded).")
            .Produces<Custody.Hearings.HearingView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        var complaints = api.MapGroup("/complaints").WithTags("Facility register");
        complaints.MapGet("/overdue", async (Custody.Complaints.ComplaintCommands commands, CancellationToken ct) => TypedResults.Ok(await commands.OverdueAsync(ct)))
            .RequireAuthorization(Policies.ReadRegister)
            .WithSummary("Requests and complaints not acknowledged or not answered in time.")
            .Produces<IReadOnlyList<Custody.Complaints.ComplaintView>>();
        complaints.MapPost("/{complaintId:guid}/acknowledge", async (Guid complaintId, Custody.Complaints.ComplaintCommands commands, HttpContext http, CancellationToken ct) =>
                ApiResults.From(await commands.AcknowledgeAsync(complaintId, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.KeepRegister)
            .WithSummary("Acknowledge receipt (409 when already acknowledged or answered).")
            .Produces<Custody.Complaints.ComplaintView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        complaints.MapPost("/{complaintId:guid}/answer", async (Guid complaintId, Custody.Complaints.AnswerComplaintRequest request, Custody.Complaints.ComplaintCommands commands,
                HttpContext http, CancellationToken ct) => ApiResults.From(await commands.AnswerAsync(complaintId, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.KeepRegister)
            .WithSummary("Answer, with the answer given (409 once answered).")
            .Produces<Custody.Complaints.ComplaintView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        var restrictions = api.MapGroup("/restrictions").WithTags("Facility register");
        restrictions.MapGet("/lapsed", async (RestrictionCommands commands, CancellationToken ct) => TypedResults.Ok(await commands.LapsedAsync(ct)))
            .RequireAuthorization(Policies.ReadRegister)
            .WithSummary("Restrictions in force past their review date, oldest first.")
            .Produces<IReadOnlyList<RestrictionView>>();
        restrictions.MapPost("/{restrictionId:guid}/lift", async (Guid restrictionId, LiftRestrictionRequest request, RestrictionCommands commands, HttpContext http, CancellationToken ct) =>
                ApiResults.From(await commands.LiftAsync(restrictionId, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.DecideAccess)
            .WithSummary("Lift a restriction, with the reason: a court, or the authority that imposed it (403 for anyone else; 409 once lifted).")
            .Produces<RestrictionView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        restrictions.MapPost("/{restrictionId:guid}/review-request", async (Guid restrictionId, RestrictionReviewRequest request, RestrictionCommands commands, HttpContext http,
                CancellationToken ct) => ApiResults.From(await commands.RequestReviewAsync(restrictionId, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.RequestRestrictionReview)
            .WithSummary("Ask a court to review a restriction (counsel of record for their client, or the sending state's legal reviewer): recorded as a pending proceeding.")
            .Produces<RestrictionView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        person.MapGet("/article-18", async (Guid id, ReadRegister read, HttpContext http, CancellationToken ct) =>
                ApiResults.From(await read.Article18Async(id, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.ReadPeople)
            .WithSummary("The art. 18 information for counsel and relatives: authority, dates and places, whereabouts, health, release or death — or the restriction and its ground.")
            .Produces<Article18Information>().ProducesProblem(StatusCodes.Status404NotFound);
        person.MapGet("/article-18.pdf", async (Guid id, ReadRegister read, HttpContext http, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> localizer,
                TimeProvider time, CancellationToken ct) => await read.Article18Async(id, ApiResults.ViewerOf(http.User), ct) is { Value: { } info }
                    ? Results.File(Reports.Article18Report.Pdf(info, localizer.Words(), Instants.Now(time)), "application/pdf", $"article-18-{id}.pdf")
                    : ApiResults.Problem(new NotFound($"No person {id} in the register.")))
            .RequireAuthorization(Policies.ReadPeople)
            .WithSummary("The art. 18 information as a PDF, in the reader's language (the UI culture).")
            .ProducesFile("application/pdf").ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/visits/{visitId:guid}/decision", async (Guid visitId, VisitDecision decision, OversightCommands commands, HttpContext http, CancellationToken ct) =>
                ApiResults.From(await commands.DecideVisitAsync(visitId, decision, ApiResults.ViewerOf(http.User), ct)))
            .WithTags("Facility register").RequireAuthorization(Policies.DecideAccess)
            .WithSummary("Grant or deny a visit; a denial needs its reason and is a finding.")
            .Produces<AccessVisitView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
    }
}

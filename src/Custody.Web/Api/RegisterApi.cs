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
        facility.MapGet("/register", async (FacilityId facilityId, ReadRegister read, CancellationToken ct) =>
                Found<FacilityRegisterView>.From(await read.RegisterAsync(facilityId, ct), $"No facility {facilityId}."))
            .RequireAuthorization(Policies.ReadRegister)
            .WithSummary("Who is held (admission, cell, last welfare check, disposition due), who awaits admission, and occupancy now.");
        facility.MapGet("/occupancy", async (FacilityId facilityId, string? at, ReadRegister read, TimeProvider time, CancellationToken ct) =>
            {
                var instant = time.GetUtcNow();
                if (!string.IsNullOrWhiteSpace(at) && !Instants.TryParseRfc3339(at, out instant))
                {
                    return Answer<Occupancy>.Fail(new Invalid([new FieldError("at", Instants.Rfc3339Expected)]));
                }
                return Answer<Occupancy>.Ok(await read.OccupancyAsync(facilityId, Instants.Utc(instant), ct));
            })
            .RequireAuthorization(Policies.ReadRegister)
            .WithSummary("Occupancy per cell, unit and facility at an instant (default now), counted from the register, with rates against design and operational capacity.");
        facility.MapGet("/charts/occupancy.svg", async (FacilityId facilityId, int? days, ReadRegister read, TimeProvider time, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> localizer, CancellationToken ct) =>
            {
                var span = Math.Clamp(days ?? ReadRegister.OccupancyChartDays, 1, 366);
                var series = await read.OccupancyOverTimeAsync(facilityId, time.GetUtcNow().UtcDateTime, span, ct);
                return FileAnswer.NamingNoOne(Results.Text(Reports.OccupancyCharts.OverTime(series, localizer["{0}: people held, last {1} days", facilityId.Value, span].Value, localizer.Words()),
                    ContentTypes.Svg));
            })
            .RequireAuthorization(Policies.ReadRegister)
            .WithSummary("Occupancy over time (one point a day), counted from the register, against operational capacity, as SVG.")
            .ProducesFile("image/svg+xml");
        facility.MapGet("/charts/space.svg", async (FacilityId facilityId, ReadRegister read, TimeProvider time, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> localizer, CancellationToken ct) =>
            {
                var occupancy = await read.OccupancyAsync(facilityId, time.GetUtcNow().UtcDateTime, ct);
                var (_, standards) = await read.FacilityStandardsAsync(facilityId, time.GetUtcNow(), ct);
                return FileAnswer.NamingNoOne(Results.Text(Reports.OccupancyCharts.SpacePerPerson(occupancy, standards, localizer["{0}: m² per person across occupied cells", facilityId.Value].Value,
                    localizer.Words()), ContentTypes.Svg));
            })
            .RequireAuthorization(Policies.ReadRegister)
            .WithSummary("Floor area per person in each occupied cell against the standards, as SVG.")
            .ProducesFile("image/svg+xml");
        facility.MapGet("/denied-visits", async (FacilityId facilityId, ReadRegister read, CancellationToken ct) => TypedResults.Ok(await read.DeniedVisitsAsync(facilityId, ct)))
            .RequireAuthorization(Policies.ReadRegister)
            .WithSummary("Visits denied to people held here, each a finding against the facility.");
        api.MapGet("/incidents", async (string? facility, ReadRegister read, CancellationToken ct) => TypedResults.Ok(await read.IncidentsAsync(facility, ct)))
            .WithTags("Facility register").RequireAuthorization(Policies.ReadRegister)
            .WithSummary("Incidents in transit and in facilities (filter by facility), newest first; the sending state's view of what happened to the people held on its behalf.");
        facility.MapGet("/not-seen", async (FacilityId facilityId, ReadRegister read, CancellationToken ct) => TypedResults.Ok(await read.NotSeenAsync(facilityId, ct)))
            .RequireAuthorization(Policies.ReadRegister)
            .WithSummary("People not seen for more than the agreement's welfareCheckMaxAgeDays.");
        facility.MapGet("/dispositions-due", async (FacilityId facilityId, ReadRegister read, CancellationToken ct) => TypedResults.Ok(await read.DispositionDueAsync(facilityId, ct)))
            .RequireAuthorization(Policies.ReadRegister)
            .WithSummary($"People whose custody term (custodyTermDays from admission) ends within {ReadRegister.DispositionNoticeDays} days.");
        facility.MapPost("/cells", async (FacilityId facilityId, RegisterCellRequest request, RegisterCell register, HttpContext http, CancellationToken ct) =>
                Answer<CellView>.From(await register.HandleAsync(facilityId, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.ManageFacilities)
            .WithSummary("Register a cell: floor area, single or shared, bunks, toilets, showers, water, lighting hours, ventilation, design and operational capacity.");
        facility.MapPost("/incidents", async (FacilityId facilityId, RecordIncidentRequest request, RecordIncidentInFacility record, HttpContext http, CancellationToken ct) =>
                Answer<IncidentView>.From(await record.HandleAsync(facilityId, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.RecordIncidents)
            .WithSummary("Record an incident in the facility; queues at once the report to the independent authority and the next-of-kin notice, with deadlines.");

        facility.MapGet("/inspections", async (FacilityId facilityId, ReadInspections inspections, CancellationToken ct) => TypedResults.Ok(await inspections.ListAsync(facilityId, ct)))
            .RequireAuthorization(Policies.ReadRegister)
            .WithSummary("Inspections of the facility, newest first, with findings and follow-up actions.");
        facility.MapGet("/inspections/overdue-actions", async (FacilityId facilityId, ReadInspections inspections, CancellationToken ct) =>
                TypedResults.Ok(await inspections.OverdueAsync(facilityId, ct)))
            .RequireAuthorization(Policies.ReadRegister)
            .WithSummary("Follow-up actions past their deadline and not completed.");
        facility.MapPost("/inspections", async (FacilityId facilityId, RecordInspectionRequest request, RecordInspection record, HttpContext http, CancellationToken ct) =>
                Answer<InspectionView>.From(await record.HandleAsync(facilityId, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.Inspect)
            .WithSummary("Record an inspection of a cell: the measured checklist (space, water, toilets, showers, temperature, lighting incl. 24-hour lighting, ventilation, " +
                "sanitation, bedding); findings are computed against the agreement's standards with a severity; follow-up actions with owners and deadlines.");
        api.MapGet("/inspections/{inspectionId:guid}/report.pdf", async (Guid inspectionId, ReadInspections inspections, CancellationToken ct) =>
                await inspections.FindAsync(inspectionId, ct) is { } view ? FileAnswer.NamingNoOne(Results.File(Reports.InspectionReport.Pdf(view), "application/pdf", $"inspection-{inspectionId}.pdf"))
                    : FileAnswer.Fail(new NotFound($"No inspection {inspectionId}.")))
            .WithTags("Facility register").RequireAuthorization(Policies.ReadRegister)
            .WithSummary("The inspection report as PDF.")
            .ProducesFile("application/pdf");
        api.MapPost("/inspection-actions/{actionId:guid}/complete", async (Guid actionId, CompleteInspectionAction complete, HttpContext http, CancellationToken ct) =>
                Answer<FollowUpActionView>.From(await complete.HandleAsync(actionId, ApiResults.ViewerOf(http.User), ct)))
            .WithTags("Facility register").RequireAuthorization(Policies.KeepRegister)
            .WithSummary("Record that a follow-up action was done (by the facility). 409 if it already was.");

        var person = api.MapGroup("/people/{id:guid}").WithTags("Facility register");
        person.MapPost("/admission", async (PersonId id, AdmitRequest request, AdmitPerson admit, HttpContext http, CancellationToken ct) =>
                Answer<AdmissionView>.From(await admit.HandleAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.KeepRegister)
            .WithSummary("Admit a person whose hand-over completed. Every register field (identity, grounds and ordering authority, supervising authority, health at admission, " +
                "visible injuries, complaints of ill-treatment, property inventory, family members, emergency contact) has a value or status declined/unknown.");
        person.MapPost("/cell", async (PersonId id, AssignCellRequest request, AssignCell assign, HttpContext http, CancellationToken ct) =>
                Answer<CellAssignmentView>.From(await assign.HandleAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.KeepRegister)
            .WithSummary("Assign or move to a cell, checked against the agreement's facility standards: refused naming the breached standard, or recorded with a finding (onExceed: warn).");
        person.MapPost("/release", async (PersonId id, ReleaseRequest request, ReleasePerson release, HttpContext http, CancellationToken ct) =>
                Answer<AdmissionView>.From(await release.HandleAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.KeepRegister)
            .WithSummary("Release, return to the sending state, or onward transfer (refused while a court order concerning the person is active), with date, destination and authority.");
        person.MapPost("/incidents", async (PersonId id, RecordIncidentRequest request, RecordIncident record, HttpContext http, CancellationToken ct) =>
                Answer<IncidentView>.From(await record.HandleAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.RecordIncidents)
            .WithSummary("Record an incident concerning the person wherever their current custody record says they are (in transit, awaiting admission, admitted, in hospital); " +
                "queues the report to the independent authority, the next-of-kin notice and the sending state's notice, with deadlines.");
        person.MapPost("/hospital", async (PersonId id, TakeToHospitalRequest request, TakeToHospital take, HttpContext http, CancellationToken ct) =>
                Answer<CustodyRecordView>.From(await take.HandleAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.KeepRegister)
            .WithSummary("Take an admitted person to hospital under the facility's escort: the custody record names the hospital; the admission stays open.");
        person.MapPost("/hospital/return", async (PersonId id, BackFromHospitalRequest request, BringBackFromHospital bringBack, HttpContext http, CancellationToken ct) =>
                Answer<CustodyRecordView>.From(await bringBack.HandleAsync(id, request ?? new BackFromHospitalRequest(null), ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.KeepRegister)
            .WithSummary("Record that a person in hospital is back at the facility.");
        person.MapPost("/welfare-checks", async (PersonId id, WelfareCheckRequest request, RecordWelfareCheck record, HttpContext http, CancellationToken ct) =>
                Answer<WelfareCheckView>.From(await record.HandleAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.RecordWelfare)
            .WithSummary("Record a welfare check: who saw the person, when, how identity was confirmed (verified-identifier, biometric-match, photograph-compared), condition, whether they spoke privately. The capacity is the account's (an inspector is an independent monitor; facility staff never make a day payable); a check seen more than 72 h before it is recorded is kept, marked late, and pays for nothing.");
        person.MapPost("/visits", async (PersonId id, VisitRequest request, RequestVisit visit, HttpContext http, CancellationToken ct) =>
                Answer<AccessVisitView>.From(await visit.HandleAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.RecordWelfare)
            .WithSummary("Request an access visit.");
        person.MapPost("/restrictions", async (PersonId id, RestrictionRequest request, RestrictInformation restrict, HttpContext http, CancellationToken ct) =>
                Answer<RestrictionView>.From(await restrict.HandleAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.DecideAccess)
            .WithSummary("Restrict the art. 18 information on a person, with its legal ground, the authority imposing it and the date by which it is reviewed " +
                $"(at most {RestrictInformation.MaxDaysToReview} days ahead); shown as restricted, never as not found.");
        person.MapGet("/restrictions", async (PersonId id, ReadRestrictions read, HttpContext http, CancellationToken ct) =>
                Found<IReadOnlyList<RestrictionView>>.From(await read.ListAsync(id, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.ReadPeople)
            .WithSummary("Every restriction on the person: ground, authority, review date (lapsed when past and not lifted), lift, review asked.");
        person.MapPost("/disciplinary-measures", async (PersonId id, Custody.Discipline.RecordMeasureRequest request, Custody.Discipline.RecordDisciplinaryMeasure record,
                HttpContext http, CancellationToken ct) => Answer<Custody.Discipline.DisciplinaryMeasureView>.From(await record.HandleAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.KeepRegister)
            .WithSummary("Record a disciplinary measure: offence, hearing and its outcome, sanction, first day and days. Refused (409, naming each rule) when it breaches " +
                "the Nelson Mandela Rules: solitary confinement over 15 consecutive days, for children, pregnant women or people whose disability it would worsen, " +
                "or without a health assessment; dark or constantly lit cells, corporal punishment, reduced food or water, collective punishment.");
        person.MapGet("/disciplinary-measures", async (PersonId id, Custody.Discipline.ReadDisciplinaryMeasures read, HttpContext http, CancellationToken ct) =>
                Found<IReadOnlyList<Custody.Discipline.DisciplinaryMeasureView>>.From(await read.ListAsync(id, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.ReadPeople)
            .WithSummary("The person's disciplinary measures, in order (counsel: their clients' only).");
        person.MapPost("/complaints", async (PersonId id, Custody.Complaints.FileComplaintRequest request, Custody.Complaints.FileComplaint file, HttpContext http,
                CancellationToken ct) => Answer<Custody.Complaints.ComplaintView>.From(await file.HandleAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.FileComplaints)
            .WithSummary("Receive a request or complaint (by the person, counsel or a relative), with deadlines to acknowledge and answer; a complaint of ill-treatment " +
                "is referred at once to the independent authority (queued with its deadline, same transaction).");
        person.MapGet("/complaints", async (PersonId id, Custody.Complaints.ReadComplaints read, HttpContext http, CancellationToken ct) =>
                Found<IReadOnlyList<Custody.Complaints.ComplaintView>>.From(await read.ListAsync(id, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.ReadPeople)
            .WithSummary("The person's requests and complaints, with their deadlines and answers.");
        person.MapPost("/hearings", async (PersonId id, Custody.Hearings.ScheduleHearingRequest request, Custody.Hearings.ScheduleHearing schedule, HttpContext http,
                CancellationToken ct) => Answer<Custody.Hearings.HearingView>.From(await schedule.HandleAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.RecordHearings)
            .WithSummary("Record a hearing of the person's judicial process: court, date, purpose, docket.");
        person.MapGet("/hearings", async (PersonId id, Custody.Hearings.ReadHearings read, HttpContext http, CancellationToken ct) =>
                Found<IReadOnlyList<Custody.Hearings.HearingView>>.From(await read.ListAsync(id, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.ReadPeople)
            .WithSummary("The person's hearings, in date order, with counsel's presence and the outcome once held.");
        api.MapPost("/hearings/{hearingId:guid}/outcome", async (Guid hearingId, Custody.Hearings.HearingOutcomeRequest request, Custody.Hearings.RecordHearingOutcome record,
                HttpContext http, CancellationToken ct) => Answer<Custody.Hearings.HearingView>.From(await record.HandleAsync(hearingId, request, ApiResults.ViewerOf(http.User), ct)))
            .WithTags("Facility register").RequireAuthorization(Policies.RecordHearings)
            .WithSummary("Record that a hearing was held: whether counsel was present, and the outcome (409 before its date, or once recorded).");
        var complaints = api.MapGroup("/complaints").WithTags("Facility register");
        complaints.MapGet("/overdue", async (Custody.Complaints.ReadComplaints read, CancellationToken ct) => TypedResults.Ok(await read.OverdueAsync(ct)))
            .RequireAuthorization(Policies.ReadRegister)
            .WithSummary("Requests and complaints not acknowledged or not answered in time.");
        complaints.MapPost("/{complaintId:guid}/acknowledge", async (Guid complaintId, Custody.Complaints.AcknowledgeComplaint acknowledge, HttpContext http, CancellationToken ct) =>
                Answer<Custody.Complaints.ComplaintView>.From(await acknowledge.HandleAsync(complaintId, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.KeepRegister)
            .WithSummary("Acknowledge receipt (409 when already acknowledged or answered).");
        complaints.MapPost("/{complaintId:guid}/answer", async (Guid complaintId, Custody.Complaints.AnswerComplaintRequest request, Custody.Complaints.AnswerComplaint answer,
                HttpContext http, CancellationToken ct) => Answer<Custody.Complaints.ComplaintView>.From(await answer.HandleAsync(complaintId, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.KeepRegister)
            .WithSummary("Answer, with the answer given (409 once answered).");
        var restrictions = api.MapGroup("/restrictions").WithTags("Facility register");
        restrictions.MapGet("/lapsed", async (ReadRestrictions read, CancellationToken ct) => TypedResults.Ok(await read.LapsedAsync(ct)))
            .RequireAuthorization(Policies.ReadRegister)
            .WithSummary("Restrictions in force past their review date, oldest first.");
        restrictions.MapPost("/{restrictionId:guid}/lift", async (Guid restrictionId, LiftRestrictionRequest request, LiftRestriction lift, HttpContext http, CancellationToken ct) =>
                Answer<RestrictionView>.From(await lift.HandleAsync(restrictionId, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.DecideAccess)
            .WithSummary("Lift a restriction, with the reason: a court, or the authority that imposed it (403 for anyone else; 409 once lifted).");
        restrictions.MapPost("/{restrictionId:guid}/review-request", async (Guid restrictionId, RestrictionReviewRequest request, RequestRestrictionReview review, HttpContext http,
                CancellationToken ct) => Answer<RestrictionView>.From(await review.HandleAsync(restrictionId, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.RequestRestrictionReview)
            .WithSummary("Ask a court to review a restriction (counsel of record for their client, or the sending state's legal reviewer): recorded as a pending proceeding.");
        person.MapGet("/article-18", async (PersonId id, ReadRegister read, HttpContext http, CancellationToken ct) =>
                Found<Article18Information>.From(await read.Article18Async(id, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.ReadPeople)
            .WithSummary("The art. 18 information for counsel and relatives: authority, dates and places, whereabouts, health, release or death — or the restriction and its ground.");
        person.MapGet("/article-18.pdf", async (PersonId id, ReadRegister read, HttpContext http, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> localizer,
                TimeProvider time, CancellationToken ct) => await read.Article18Async(id, ApiResults.ViewerOf(http.User), ct) is { Value: { } info }
                    ? FileAnswer.NamingNoOne(Results.File(Reports.Article18Report.Pdf(info, localizer.Words(), Instants.Now(time)), "application/pdf", $"article-18-{id}.pdf"))
                    : FileAnswer.Fail(new NotFound($"No person {id} in the register.")))
            .RequireAuthorization(Policies.ReadPeople)
            .WithSummary("The art. 18 information as a PDF, in the reader's language (the UI culture).")
            .ProducesFile("application/pdf");

        api.MapPost("/visits/{visitId:guid}/decision", async (Guid visitId, VisitDecision decision, DecideVisit decide, HttpContext http, CancellationToken ct) =>
                Answer<AccessVisitView>.From(await decide.HandleAsync(visitId, decision, ApiResults.ViewerOf(http.User), ct)))
            .WithTags("Facility register").RequireAuthorization(Policies.DecideAccess)
            .WithSummary("Grant or deny a visit; a denial needs its reason and is a finding.");
    }
}

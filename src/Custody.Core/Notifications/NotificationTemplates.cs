using System.Globalization;

namespace Custody.Notifications;

/// <summary>
/// The texts of the notices, in the two parties' languages. A notice goes out in the first of the
/// person's languages that has a template, else in English; placeholders are {name}.
/// </summary>
public static class NotificationTemplates
{
    public static readonly IReadOnlyList<string> Languages = ["en", "es"];

    private static readonly Dictionary<(string Kind, string Language), (string Subject, string Body)> Texts = new()
    {
        [(NotificationKinds.TransferCounsel, "en")] = ("Transfer of your client {person}",
            "Your client {person} (record {externalId}) has left {sendingState} on {carrier} {movement} at {departedAt} UTC, "
            + "to be handed over to the custody of {receivingState} under agreement {agreement}. Reason: transfer under that agreement; "
            + "removal authority on record: {authority}. Receiving facility: {facility}, {address}, telephone {telephone}. "
            + "The person is held on behalf of {sendingState}, which remains responsible and pays for the detention."),
        [(NotificationKinds.TransferCounsel, "es")] = ("Traslado de su cliente {person}",
            "Su cliente {person} (expediente {externalId}) salió de {sendingState} en {carrier} {movement} a las {departedAt} UTC, "
            + "para ser entregado a la custodia de {receivingState} en virtud del acuerdo {agreement}. Motivo: traslado en virtud de ese acuerdo; "
            + "autoridad de expulsión registrada: {authority}. Establecimiento de destino: {facility}, {address}, teléfono {telephone}. "
            + "La persona está detenida por cuenta de {sendingState}, que sigue siendo responsable y paga la detención."),
        [(NotificationKinds.TransferFamily, "en")] = ("{person} is being transferred",
            "{person} has left {sendingState} at {departedAt} UTC and is being taken to {facility}, {address}, telephone {telephone}, "
            + "in {receivingState}. {sendingState} remains responsible for them."),
        [(NotificationKinds.TransferFamily, "es")] = ("{person} está siendo trasladado",
            "{person} salió de {sendingState} a las {departedAt} UTC y está siendo llevado a {facility}, {address}, teléfono {telephone}, "
            + "en {receivingState}. {sendingState} sigue siendo responsable de la persona."),
        [(NotificationKinds.ReleaseCounsel, "en")] = ("Release of your client {person}",
            "Your client {person} (record {externalId}) was released at {at} UTC at {destination}, on the authority of {by}."),
        [(NotificationKinds.ReleaseCounsel, "es")] = ("Liberación de su cliente {person}",
            "Su cliente {person} (expediente {externalId}) fue puesto en libertad a las {at} UTC en {destination}, por orden de {by}."),
        [(NotificationKinds.ReleaseFamily, "en")] = ("{person} has been released",
            "{person} was released at {at} UTC at {destination}, on the authority of {by}."),
        [(NotificationKinds.ReleaseFamily, "es")] = ("{person} ha sido puesto en libertad",
            "{person} fue puesto en libertad a las {at} UTC en {destination}, por orden de {by}."),
        [(NotificationKinds.ReturnCounsel, "en")] = ("Return of your client {person} to {sendingState}",
            "Your client {person} (record {externalId}) left the receiving facility at {at} UTC to be returned to the custody of {sendingState}: "
            + "{destination}, on the authority of {by}."),
        [(NotificationKinds.ReturnCounsel, "es")] = ("Retorno de su cliente {person} a {sendingState}",
            "Su cliente {person} (expediente {externalId}) salió del establecimiento de destino a las {at} UTC para ser devuelto a la custodia de "
            + "{sendingState}: {destination}, por orden de {by}."),
        [(NotificationKinds.ReturnFamily, "en")] = ("{person} is being returned",
            "{person} left the receiving facility at {at} UTC to be returned to {sendingState}: {destination}."),
        [(NotificationKinds.ReturnFamily, "es")] = ("{person} está siendo devuelto",
            "{person} salió del establecimiento de destino a las {at} UTC para ser devuelto a {sendingState}: {destination}."),
        [(NotificationKinds.OnwardCounsel, "en")] = ("Onward transfer of your client {person}",
            "Your client {person} (record {externalId}) was transferred at {at} UTC to {destination}, into the custody of {by}."),
        [(NotificationKinds.OnwardCounsel, "es")] = ("Traslado ulterior de su cliente {person}",
            "Su cliente {person} (expediente {externalId}) fue trasladado a las {at} UTC a {destination}, bajo la custodia de {by}."),
        [(NotificationKinds.OnwardFamily, "en")] = ("{person} has been moved",
            "{person} was transferred at {at} UTC to {destination}, into the custody of {by}."),
        [(NotificationKinds.OnwardFamily, "es")] = ("{person} ha sido trasladado",
            "{person} fue trasladado a las {at} UTC a {destination}, bajo la custodia de {by}."),
        [(NotificationKinds.InformationRequestOverdue, "en")] = ("Overdue: information request {reference}",
            "Information request {reference}, filed {filedAt} UTC by a relative or counsel under art. 18, was due by {dueBy} UTC and the custodian ({facility}) "
            + "has not answered. It stays open and listed as overdue until answered."),
        [(NotificationKinds.InformationRequestOverdue, "es")] = ("Vencida: solicitud de información {reference}",
            "La solicitud de información {reference}, presentada el {filedAt} UTC por un familiar o abogado conforme al art. 18, vencía el {dueBy} UTC y el custodio ({facility}) "
            + "no ha respondido. Sigue abierta y figura como vencida hasta que se responda."),
        [(NotificationKinds.ProductionOverdueCourt, "en")] = ("Overdue: {kind} of {person} ordered by {court}",
            "The {kind} of {person} ordered by {court} was due by {deadline} UTC and the custodian ({custodian}) has not answered. "
            + "The request stays open and is listed as overdue until a declaration is recorded."),
        [(NotificationKinds.ProductionOverdueCourt, "es")] = ("Vencido: {kind} de {person} ordenado por {court}",
            "El requerimiento ({kind}) de {person} ordenado por {court} vencía el {deadline} UTC y el custodio ({custodian}) no ha respondido. "
            + "El requerimiento sigue abierto y figura como vencido hasta que se registre una declaración."),
        [(NotificationKinds.ProductionOverdueSendingState, "en")] = ("Overdue: {kind} of {person} ordered by {court}",
            "The {kind} of {person} ordered by {court} was due by {deadline} UTC and the custodian ({custodian}) has not answered."),
        [(NotificationKinds.ProductionOverdueSendingState, "es")] = ("Vencido: {kind} de {person} ordenado por {court}",
            "El requerimiento ({kind}) de {person} ordenado por {court} vencía el {deadline} UTC y el custodio ({custodian}) no ha respondido."),
        [(NotificationKinds.IncidentReport, "en")] = ("Incident report: {incidentKind} — {person}",
            "Incident: {incidentKind}, involving {person}, at {occurredAt} UTC, {place}. Details: {details}. "
            + "Recorded by {recordedBy}. This report is due by {dueBy} UTC."),
        [(NotificationKinds.IncidentReport, "es")] = ("Informe de incidente: {incidentKind} — {person}",
            "Incidente: {incidentKind}, relativo a {person}, a las {occurredAt} UTC, {place}. Detalles: {details}. "
            + "Registrado por {recordedBy}. Este informe vence el {dueBy} UTC."),
        [(NotificationKinds.IncidentNextOfKin, "en")] = ("About {person}",
            "We must inform you of an incident ({incidentKind}) concerning {person} at {occurredAt} UTC, {place}. "
            + "For information, contact {contact}."),
        [(NotificationKinds.IncidentNextOfKin, "es")] = ("Acerca de {person}",
            "Debemos informarle de un incidente ({incidentKind}) relativo a {person} a las {occurredAt} UTC, {place}. "
            + "Para información, comuníquese con {contact}."),
    };

    private static readonly Dictionary<(string Kind, string Language), string> IncidentNames = new()
    {
        [("death", "en")] = "death",
        [("death", "es")] = "fallecimiento",
        [("serious-injury", "en")] = "serious injury",
        [("serious-injury", "es")] = "lesión grave",
        [("escape", "en")] = "escape or disappearance",
        [("escape", "es")] = "fuga o desaparición",
        [("use-of-force", "en")] = "use of force",
        [("use-of-force", "es")] = "uso de la fuerza",
    };

    /// <summary>The first of <paramref name="personLanguages"/> with templates, else English.</summary>
    public static string LanguageFor(IEnumerable<string> personLanguages) =>
        personLanguages.FirstOrDefault(l => Languages.Contains(l)) ?? "en";

    /// <summary>The subject and body in <paramref name="language"/>, placeholders filled.</summary>
    /// <exception cref="KeyNotFoundException">No template for the kind (a bug).</exception>
    public static (string Subject, string Body) Render(string kind, string language, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var (subject, body) = Texts[(kind, Languages.Contains(language) ? language : "en")];
        return (Fill(subject, values), Fill(body, values));
    }

    public static string IncidentName(string incidentKind, string language) =>
        IncidentNames.TryGetValue((incidentKind, language), out var name) ? name : incidentKind;

    private static string Fill(string template, IReadOnlyDictionary<string, string> values)
    {
        var text = template;
        foreach (var (key, value) in values)
        {
            text = text.Replace("{" + key + "}", value, StringComparison.Ordinal);
        }
        return text;
    }

    /// <summary>An instant as the notices print it.</summary>
    public static string When(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}

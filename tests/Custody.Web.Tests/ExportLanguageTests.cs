using System.Globalization;
using System.Net;
using System.Xml.Linq;
using Custody.Web.Auth;
using Custody.Web.Reports;
using MiniExcelLibs;
using static Custody.Web.Tests.TransferScenario;

namespace Custody.Web.Tests;

/// <summary>
/// Exports speak the reader's language: a reader asking in Spanish gets Spanish column names in the
/// CSV and XLSX files; without a language the names stay the stable English ones scripts match on.
/// </summary>
public sealed class ExportLanguageTests(CustodyWebFactory factory) : IClassFixture<CustodyWebFactory>
{
    private static readonly string LastMonth = DateTimeOffset.UtcNow.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static async Task<string[]> CsvLinesAsync(HttpClient client, string path, string? language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Every CSV says its encoding (ASVS 4.1.1): a spreadsheet guessing Latin-1 would garble "Versión".
        Assert.Equal(("text/csv", "utf-8"), (response.Content.Headers.ContentType?.MediaType, response.Content.Headers.ContentType?.CharSet));
        return (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public async Task InvoiceCsvAndXlsx_HaveSpanishColumnNames_ForASpanishReader()
    {
        var finance = await factory.BearerAsync(Roles.ReceivingFinanceOfficer);
        var path = $"/api/invoices/draft.csv?agreement=us-sv-2025&month={LastMonth}";

        var spanish = await CsvLinesAsync(finance, path, "es");
        var english = await CsvLinesAsync(finance, path, null);

        Assert.Equal("Persona,Versión,Tarifa,Días pagaderos,Retenidos,Importe", spanish[0]);
        Assert.StartsWith("Total,", spanish[^1], StringComparison.Ordinal);
        Assert.Equal("person,version,rate,payableDays,withheld,amount", english[0]);
        Assert.StartsWith("total,", english[^1], StringComparison.Ordinal);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/invoices/draft.xlsx?agreement=us-sv-2025&month={LastMonth}");
        request.Headers.AcceptLanguage.ParseAdd("es");
        var xlsx = await finance.SendAsync(request);
        using var sheet = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var header = ((IDictionary<string, object>)sheet.Query().First()).Values.Select(v => v?.ToString()).ToList();
        Assert.Equal(["Persona", "Versión", "Tarifa", "Días pagaderos", "Retenidos", "Importe"], header);
    }

    [Fact]
    public async Task ScreeningReconciliationAndStatisticsCsv_HaveSpanishColumnNames_ForASpanishReader()
    {
        var auditor = await factory.BearerAsync(Roles.Auditor);
        var supervisor = await factory.BearerAsync(Roles.TransferSupervisor);
        var manifest = await CreateManifestAsync(supervisor);

        var screening = await CsvLinesAsync(auditor, "/api/screenings/export.csv?agreement=us-sv-2025", "es-SV,es;q=0.9");
        var reconciliation = await CsvLinesAsync(supervisor, $"/api/manifests/{manifest}/reconciliation.csv", "es");
        var fees = await CsvLinesAsync(factory.CreateClient(), "/statistics/fees.csv", "es");
        var facilities = await CsvLinesAsync(factory.CreateClient(), "/statistics/facilities.csv", "es");

        Assert.StartsWith("Persona,Resultado,Motivos,", screening[0], StringComparison.Ordinal);
        Assert.StartsWith("Fila,Identificador externo,Nombre,Apellido,", reconciliation[0], StringComparison.Ordinal);
        Assert.Contains(reconciliation.Skip(1), line => line.StartsWith("Recuento,manifested,0", StringComparison.Ordinal));
        Assert.Equal("Acuerdo,Mes,Días facturados,Días pagados,Tamaño del punto de control,Raíz del punto de control", fees[0]);
        Assert.StartsWith("Acuerdo,Establecimiento,Mes,Trasladados,Noches-persona,", facilities[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACellThatASpreadsheetWouldRunAsAFormula_IsWrittenAsText()
    {
        var supervisor = await factory.BearerAsync(Roles.TransferSupervisor);
        var manifest = await CreateManifestAsync(supervisor);
        var ids = await ImportAsync(factory, EligiblePerson(Unique("FORMULA"), "=HYPERLINK(\"http://example.org\")", "@Sum"));
        await AddAsync(supervisor, manifest, ids[0]);

        var lines = await CsvLinesAsync(supervisor, $"/api/manifests/{manifest}/reconciliation.csv", null);

        var row = Assert.Single(lines, l => l.Contains("HYPERLINK", StringComparison.Ordinal));
        Assert.True(row.Contains(",\"'=HYPERLINK(\"\"http://example.org\"\")\",\"'@Sum\",", StringComparison.Ordinal), row);
    }

    [Fact]
    public void EveryExportColumnName_HasASpanishEntry()
    {
        var resources = Path.Combine(LocalizationCoverageTests.WebProject().FullName, "Resources", "SharedResource.es.resx");
        var spanish = XDocument.Load(resources).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var names = typeof(ExportColumns).GetFields().Where(f => f.FieldType == typeof(string[])).SelectMany(f => (string[])f.GetValue(null)!).Distinct();

        Assert.DoesNotContain(names, n => !spanish.Contains(n));
    }
}

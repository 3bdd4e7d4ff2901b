using System.Globalization;
using System.Text;

namespace Custody.Transparency;

/// <summary>
/// The body of a C2SP tlog-witness <c>add-checkpoint</c> request: <c>old N</c>, the consistency
/// proof from size N to the checkpoint's size (one base64 hash a line), a blank line, then the
/// signed checkpoint.
/// </summary>
public sealed record AddCheckpointRequest(ulong OldSize, IReadOnlyList<byte[]> Proof, SignedNote Checkpoint)
{
    public const string Path = "/add-checkpoint";

    /// <summary>The media type of a 409 answer's body: the witness's latest size for the log, in decimal.</summary>
    public const string SizeMediaType = "text/x.tlog.size";

    public override string ToString()
    {
        var body = new StringBuilder().Append("old ").Append(OldSize.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var hash in Proof)
        {
            body.Append(Convert.ToBase64String(hash)).Append('\n');
        }
        return body.Append('\n').Append(Checkpoint.ToString()).ToString();
    }

    /// <summary>Reads a request body.</summary>
    /// <exception cref="FormatException">It is malformed; the message says where.</exception>
    public static AddCheckpointRequest Parse(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var blank = body.IndexOf("\n\n", StringComparison.Ordinal);
        if (blank < 0)
        {
            throw new FormatException("The request is 'old N', the proof lines, a blank line, then the checkpoint.");
        }
        var lines = body[..blank].Split('\n');
        if (!lines[0].StartsWith("old ", StringComparison.Ordinal) || lines[0].Length == 4 || lines[0][4..].Any(c => c is < '0' or > '9')
            || (lines[0].Length > 5 && lines[0][4] == '0') || !ulong.TryParse(lines[0][4..], NumberStyles.None, CultureInfo.InvariantCulture, out var old))
        {
            throw new FormatException("The first line reads 'old N' with N a decimal size.");
        }
        if (lines.Length - 1 > 63)
        {
            throw new FormatException("A consistency proof has at most 63 hashes.");
        }
        var proof = new List<byte[]>();
        foreach (var line in lines.Skip(1))
        {
            byte[] hash;
            try
            {
                hash = Convert.FromBase64String(line);
            }
            catch (FormatException)
            {
                throw new FormatException($"Proof line {proof.Count + 1} is not base64.");
            }
            proof.Add(hash.Length == 32 ? hash : throw new FormatException($"Proof line {proof.Count + 1} is not a 32-byte hash."));
        }
        return new AddCheckpointRequest(old, proof, SignedNote.Parse(body[(blank + 2)..]));
    }
}

/// <summary>What a witness answered: its cosignatures (200), its latest size (409), or a refusal with the reason.</summary>
public sealed record WitnessAnswer(int Status, IReadOnlyList<NoteSignature> Cosignatures, ulong? LatestSize, string? Problem)
{
    public static WitnessAnswer Cosigned(IReadOnlyList<NoteSignature> cosignatures) => new(200, cosignatures, null, null);

    public static WitnessAnswer Conflict(ulong latest) => new(409, [], latest, null);

    public static WitnessAnswer Refused(int status, string problem) => new(status, [], null, problem);

    /// <summary>The response body as the protocol writes it.</summary>
    public string Body() => Status switch
    {
        200 => string.Concat(Cosignatures.Select(c => c.ToLine() + "\n")),
        409 => LatestSize!.Value.ToString(CultureInfo.InvariantCulture) + "\n",
        _ => Problem + "\n",
    };

    public string MediaType => Status == 409 ? AddCheckpointRequest.SizeMediaType : "text/plain; charset=utf-8";
}

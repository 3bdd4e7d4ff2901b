using System.Buffers;
using System.Text.Json;

namespace Custody.Imports;

/// <summary>
/// Reads a JSON document from a stream one top-level property at a time, and an array value one
/// element at a time, holding in memory only the value being read. This is what lets a case
/// bundle of 100,000 people be validated and imported without loading it whole.
/// </summary>
internal sealed class StreamingJsonReader : IDisposable
{
    private readonly Stream _stream;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
    private int _start;
    private int _end;
    private bool _final;
    private JsonReaderState _state = new(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });

    /// <summary>
    /// The largest single value (a person, a string) the reader will hold: no field of a case bundle
    /// comes near it, and without a cap one 300 MB string would cost gigabytes of memory.
    /// </summary>
    public const int MaxValueBytes = 16 * 1024 * 1024;

    public StreamingJsonReader(Stream stream) => _stream = stream;

    /// <summary>Bytes of the stream consumed so far, for progress.</summary>
    public long Position { get; private set; }

    /// <summary>Reads the next token; returns its type and, for names and strings, its text.</summary>
    /// <exception cref="JsonException">The document is malformed or ends early.</exception>
    public (JsonTokenType Type, string? Text) ReadToken()
    {
        while (true)
        {
            var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
            if (reader.Read())
            {
                var text = reader.TokenType is JsonTokenType.PropertyName or JsonTokenType.String ? reader.GetString() : null;
                Advance(ref reader);
                return (reader.TokenType, text);
            }
            if (_final)
            {
                throw new JsonException("The document ends before it is complete.");
            }
            Fill();
        }
    }

    /// <summary>Reads the next whole value (object, array or scalar).</summary>
    public JsonElement ReadValue()
    {
        while (true)
        {
            var probe = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
            if (probe.Read() && (probe.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray) || probe.TrySkip()))
            {
                // Position on the value's first token: ParseValue would otherwise take the state's
                // last token (say the '[' of the enclosing array) for the value itself.
                var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
                reader.Read();
                using var document = JsonDocument.ParseValue(ref reader);
                Advance(ref reader);
                return document.RootElement.Clone();
            }
            if (_final)
            {
                throw new JsonException("The document ends before it is complete.");
            }
            Fill();
        }
    }

    /// <summary>Skips the next value token by token, so that even a huge array is never held whole.</summary>
    public void SkipValue()
    {
        var depth = 0;
        do
        {
            var (type, _) = ReadToken();
            if (type is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                depth++;
            }
            else if (type is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                depth--;
            }
        }
        while (depth > 0);
    }

    /// <summary>Peeks at the type of the next token without consuming it.</summary>
    public JsonTokenType PeekTokenType()
    {
        while (true)
        {
            var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
            if (reader.Read())
            {
                return reader.TokenType;
            }
            if (_final)
            {
                throw new JsonException("The document ends before it is complete.");
            }
            Fill();
        }
    }

    /// <summary>Confirms that nothing but whitespace follows the top-level value.</summary>
    public void ReadEnd()
    {
        while (!_final)
        {
            Fill();
        }
        var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), true, _state);
        if (reader.Read())
        {
            throw new JsonException("Unexpected data after the end of the document.");
        }
    }

    private void Advance(ref Utf8JsonReader reader)
    {
        var consumed = (int)reader.BytesConsumed;
        _start += consumed;
        Position += consumed;
        _state = reader.CurrentState;
    }

    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxValueBytes)
            {
                throw new JsonException($"A single value is longer than {MaxValueBytes / (1024 * 1024)} MiB; no field of a case bundle is that large.");
            }
            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _final = true;
        }
        _end += read;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}

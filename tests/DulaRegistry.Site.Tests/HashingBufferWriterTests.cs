using System.IO.Hashing;
using System.Text.Json;
using DulaRegistry.Site.Build;

namespace DulaRegistry.Site.Tests;

public sealed class HashingBufferWriterTests
{
    /// <summary>JSON written through the hashing writer hashes as the same JSON written whole: short, and with a value far longer
    /// than the writer's buffer, and across several documents written in turn through one writer.</summary>
    [Theory]
    [InlineData(10)]
    [InlineData(50_000)]
    [InlineData(300_000)]
    public void Json_hashed_piece_by_piece_hashes_as_the_whole(int length)
    {
        var value = new { Id = "DULA-2026-0001", Text = new string('é', length), List = Enumerable.Range(0, length / 10).ToArray() };
        var whole = JsonSerializer.SerializeToUtf8Bytes(value);

        var hash = new XxHash128();
        var sink = new HashingBufferWriter(hash);
        using var json = new Utf8JsonWriter(sink);
        for (var round = 0; round < 2; round++)
        {
            json.Reset(sink);
            JsonSerializer.Serialize(json, value);
            json.Flush();
            hash.GetCurrentHashAsUInt128().ShouldBe(XxHash128.HashToUInt128(whole), $"round {round}");
            hash.Reset();
        }
    }

    [Fact]
    public void Advancing_past_the_space_given_is_refused()
    {
        var sink = new HashingBufferWriter(new XxHash128());
        var given = sink.GetSpan(10).Length;
        Should.Throw<ArgumentOutOfRangeException>(() => sink.Advance(given + 1));
        Should.Throw<ArgumentOutOfRangeException>(() => sink.Advance(-1));
    }
}

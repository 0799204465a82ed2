using DulaRegistry.Site.Exports;

namespace DulaRegistry.Site.Tests;

/// <summary>The search index's word numbers (<see cref="WordTable"/>): one number per distinct word, from any number of
/// threads at once, and each number gives back its word.</summary>
public sealed class WordTableTests
{
    [Fact]
    public void Each_word_has_one_number_however_many_threads_add_it_and_the_number_gives_the_word_back()
    {
        var table = new WordTable();
        // More words than the table's first array holds, each added by every thread, in a different order on each.
        var words = Enumerable.Range(0, 20_000).Select(i => $"w{i}é").ToArray();
        var seen = new int[Environment.ProcessorCount + 2][];
        Parallel.For(0, seen.Length, t =>
        {
            var numbers = seen[t] = new int[words.Length];
            for (var n = 0; n < words.Length; n++)
            {
                var i = t % 2 == 0 ? n : words.Length - 1 - n;
                numbers[i] = table.Number(words[i].AsSpan());
            }
        });

        table.Count.ShouldBe(words.Length);
        foreach (var numbers in seen) numbers.ShouldBe(seen[0]);
        seen[0].Order().ShouldBe(Enumerable.Range(0, words.Length), "numbers are 0, 1, 2… with no gap");
        for (var i = 0; i < words.Length; i++) table[seen[0][i]].ShouldBe(words[i]);
        table.Number("w7é").ShouldBe(seen[0][7]);
        Should.Throw<ArgumentOutOfRangeException>(() => table[words.Length]);
        Should.Throw<ArgumentOutOfRangeException>(() => table[-1]);
    }
}

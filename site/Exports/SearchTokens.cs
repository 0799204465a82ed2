using System.Globalization;
using System.Text;

namespace DulaRegistry.Site.Exports;

/// <summary>
/// The one definition of how text becomes search terms. The build applies it to every document field
/// (<see cref="SearchIndex"/>); site.js applies the same rules to what a reader types (its <c>words</c> and
/// <c>exactKey</c> functions), and a browser test compares both on awkward text. The rules:
/// <list type="number">
/// <item>A word is a run of letters, combining marks and numbers (Unicode categories L, M and N, by code point; marks so that
///   "é" written as e + accent stays one word; text is not normalized, as the tool may run without ICU); everything else separates
///   words, so <c>DULA-2024-0003</c> is the words <c>dula</c>, <c>2024</c>, <c>0003</c> and <c>&lt;b&gt;Name&lt;/b&gt;</c> still
///   yields <c>name</c>.</item>
/// <item>Each word is lower-cased code point by code point with the invariant simple mapping (JavaScript: each code point's
///   <c>toLowerCase()</c> when it is a single code point, else the code point unchanged).</item>
/// <item>An exact identifier (agreement id, service request number, party agency id or acronym) is compared whole:
///   trimmed, with leading and trailing characters that are neither letters nor numbers removed, then lower-cased as above.</item>
/// <item>Typo tolerance applies to words of four or more letters (letters only); it allows round(0.2 × length) edits
///   (Levenshtein, counted in UTF-16 code units as JavaScript's <c>length</c> does).</item>
/// </list>
/// </summary>
public static class SearchTokens
{
    /// <summary>The words of <paramref name="text"/>, lower-cased, in order (repeats kept).</summary>
    public static List<string> Words(string? text)
    {
        var words = new WordList([]);
        Split(text, ref words);
        return words.Words;
    }

    /// <summary>Adds the number in <paramref name="table"/> of each word of <paramref name="text"/> (as <see cref="Words"/> gives
    /// them) to <paramref name="words"/>, adding the word to the table the first time: across a whole registry, one string per
    /// distinct word, and each occurrence an <see cref="int"/>.</summary>
    public static void AddWordNumbers(string? text, WordTable table, List<int> words)
    {
        var numbers = new WordNumbers(table, words);
        Split(text, ref numbers);
    }

    /// <summary>What <see cref="Split"/> gives each word to (as a span of its buffer, valid only during the call).</summary>
    private interface IWordSink
    {
        void Add(ReadOnlySpan<char> word);
    }

    private readonly struct WordList(List<string> words) : IWordSink
    {
        public List<string> Words => words;

        public void Add(ReadOnlySpan<char> word) => words.Add(new string(word));
    }

    private readonly struct WordNumbers(WordTable table, List<int> words) : IWordSink
    {
        public void Add(ReadOnlySpan<char> word) => words.Add(table.Number(word));
    }

    /// <summary>Gives <paramref name="sink"/> the words of <paramref name="text"/>, lower-cased, in order.</summary>
    private static void Split<TSink>(string? text, ref TSink sink) where TSink : struct, IWordSink
    {
        if (string.IsNullOrEmpty(text)) return;
        // A word is never longer than its text: one buffer for every word (this runs over every field of every agreement).
        var rented = text.Length <= 256 ? null : System.Buffers.ArrayPool<char>.Shared.Rent(text.Length * 2);
        Span<char> word = rented ?? stackalloc char[512];
        var length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x80)
            {
                // ASCII, the common case: letters and digits, lower-cased as the invariant mapping does.
                if (char.IsAsciiLetterOrDigit(c))
                {
                    word[length++] = char.ToLowerInvariant(c);
                    continue;
                }
            }
            else if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var used) == System.Buffers.OperationStatus.Done)
            {
                // (A lone surrogate, which is not Done, separates words, as the replacement character it decodes to does.)
                i += used - 1;
                if (IsWordRune(rune))
                {
                    length += Lower(rune).EncodeToUtf16(word[length..]);
                    continue;
                }
            }
            if (length > 0)
            {
                sink.Add(word[..length]);
                length = 0;
            }
        }
        if (length > 0) sink.Add(word[..length]);
        if (rented is not null) System.Buffers.ArrayPool<char>.Shared.Return(rented);
    }

    /// <summary>An identifier as an exact-match key: trimmed of non-word characters at both ends (a leading mark is trimmed too), lower-cased.</summary>
    public static string ExactKey(string id)
    {
        // One pass, one string: every agreement's id, service request and parties are keyed on every build.
        var buffer = id.Length <= 128 ? stackalloc char[id.Length * 2] : new char[id.Length * 2]; // a rune lowers to at most 2 units
        var length = 0;
        var end = 0; // after the last letter, number or mark: what follows is trimmed
        foreach (var rune in id.EnumerateRunes())
        {
            var inWord = IsWordRune(rune);
            if (length == 0 && !inWord) continue; // leading punctuation is trimmed
            length += Lower(rune).EncodeToUtf16(buffer[length..]);
            if (inWord) end = length;
        }
        return new string(buffer[..end]);
    }

    /// <summary>Only letters: the words typo tolerance may apply to (numbers and codes are never typos of each other).</summary>
    public static bool LettersOnly(string word)
    {
        foreach (var rune in word.EnumerateRunes())
        {
            if (!Rune.IsLetter(rune)) return false;
        }
        return word.Length > 0;
    }

    private static bool IsWordRune(Rune rune) => Rune.IsLetter(rune) || Rune.IsNumber(rune) || Rune.GetUnicodeCategory(rune)
        is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    private static Rune Lower(Rune rune) => Rune.ToLower(rune, CultureInfo.InvariantCulture);
}

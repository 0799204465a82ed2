using System.Globalization;
using System.Text;
using DulaRegistry.Loading;
using DulaRegistry.Model;

namespace DulaRegistry.Scaffolding;

/// <summary>
/// Writes values into generated front matter. Every piece of text is double-quoted with escapes, so a title such as
/// <c>Wages: "Q1" # draft</c> stays one value and a line break in carried-over text cannot start a key of its own.
/// </summary>
public static class YamlText
{
    public static string Quote(string value)
    {
        var quoted = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                _ when c < ' ' || c is >= '\u007F' and <= '\u009F' || c is '\u2028' or '\u2029' or '\uFEFF'
                    => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
                _ => c.ToString(),
            });
        }
        return quoted.Append('"').ToString();
    }

    /// <summary>A flow list of quoted strings: <c>["a", "b"]</c>.</summary>
    public static string List(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(Quote)) + "]";

    /// <summary>A flow mapping of the non-empty pairs: <c>{ name: "A", title: "B" }</c>; null when every value is empty.</summary>
    public static string? Map(params (string Key, string? Value)[] pairs)
    {
        var present = pairs.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Key}: {Quote(p.Value!)}").ToList();
        return present.Count == 0 ? null : "{ " + string.Join(", ", present) + " }";
    }

    public static string Enum<T>(T value) where T : struct, System.Enum => FrontMatterBinder.EnumName(value);

    public static string? Contact(Contact? contact) => contact is null ? null : Map(("name", contact.Name), ("title", contact.Title), ("email", contact.Email));

    public static string? Person(Person? person) => person is null ? null : Map(("name", person.Name), ("title", person.Title));
}

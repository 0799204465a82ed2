using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace DulaRegistry.Cli.Commands;

/// <summary>
/// While the last rebuild of <c>registry serve</c> failed, every HTML page served carries a banner that says the preview
/// is stale and why, so that a failure is never silent in the browser; it disappears once a rebuild succeeds.
/// </summary>
internal sealed class StaleBanner
{
    /// <summary>How many error lines the banner shows; the terminal has them all.</summary>
    public const int MaxLines = 5;

    public const string Lead = "This preview is out of date: the last rebuild failed.";

    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private volatile string? _html;

    /// <summary>The banner's markup while the last rebuild failed; null while the site is current.</summary>
    public string? Html => _html;

    public void Failed(IReadOnlyList<string> problems)
    {
        var lines = problems.Take(MaxLines).Select(p => p.Length <= 400 ? p : p[..400] + "…").ToList();
        if (problems.Count > MaxLines) lines.Add($"… and {problems.Count - MaxLines} more (see the terminal)");
        if (lines.Count == 0) lines.Add("(see the terminal for details)");
        var text = string.Join("\n", lines.Select(WebUtility.HtmlEncode));
        _html = "<div role=\"alert\" class=\"registry-stale-preview\" style=\"background:#fff4e5;color:#1b1b1b;border-bottom:4px solid #b34700;"
            + "padding:1rem 1.5rem;font:1rem/1.5 system-ui,sans-serif\"><strong>" + WebUtility.HtmlEncode(Lead) + "</strong>"
            + "<pre style=\"white-space:pre-wrap;margin:.5rem 0 0;font-size:.9rem\">" + text + "</pre></div>";
    }

    public void Succeeded() => _html = null;

    /// <summary>Adds the middleware that puts the banner into HTML responses (register it before the static files).</summary>
    public void Use(WebApplication app) => app.Use(async (context, next) =>
    {
        if (Html is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }
        // Always a full response: a 304 or a range would let the browser keep a copy without the banner.
        var request = context.Request.Headers;
        request.Remove(HeaderNames.IfNoneMatch);
        request.Remove(HeaderNames.IfModifiedSince);
        request.Remove(HeaderNames.Range);
        request.Remove(HeaderNames.IfRange);
        var body = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            context.Response.Body = body;
        }
        var banner = Html;
        var bytes = buffer.ToArray();
        if (banner is not null && bytes.Length > 0 && context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true
            && Inject(s_utf8.GetString(bytes), banner) is { } page)
        {
            bytes = s_utf8.GetBytes(page);
            context.Response.ContentLength = bytes.Length;
            context.Response.Headers.ETag = default;
            context.Response.Headers.LastModified = default;
        }
        await body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    });

    /// <summary>The page with the banner right after its opening <c>&lt;body …&gt;</c> tag, or null when it has none.</summary>
    public static string? Inject(string html, string banner)
    {
        for (var at = html.IndexOf("<body", StringComparison.OrdinalIgnoreCase); at >= 0; at = html.IndexOf("<body", at + 5, StringComparison.OrdinalIgnoreCase))
        {
            var after = at + 5;
            if (after < html.Length && (html[after] == '>' || char.IsWhiteSpace(html[after])))
            {
                var end = html.IndexOf('>', after);
                return end < 0 ? null : string.Concat(html.AsSpan(0, end + 1), banner, html.AsSpan(end + 1));
            }
        }
        return null;
    }
}

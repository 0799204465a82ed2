using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DulaRegistry.Site.Rendering;

/// <summary>A page to render: where it goes, which component and its parameters (a page has one or two: a table per page was
/// 6 MB of a 10,000-agreement site's live heap, and the renderer takes a dictionary of its own anyway).</summary>
public sealed record PageSpec(string Path,
    [param: DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.All)][property: DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.All)] Type Component,
    IReadOnlyList<(string Name, object? Value)> Parameters)
{
    /// <summary>The value of the parameter called <paramref name="name"/>; null when the page has none.</summary>
    public object? Parameter(string name)
    {
        foreach (var (n, value) in Parameters)
        {
            if (n == name) return value;
        }
        return null;
    }

    /// <summary>The parameters as a table, as the renderer takes them.</summary>
    public Dictionary<string, object?> ParameterTable() => Parameters.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
}

/// <summary>Renders Razor components to HTML strings with <see cref="HtmlRenderer"/>. One instance renders one page at a time.</summary>
public sealed class PageRenderer : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly HtmlRenderer _renderer;
    private readonly Utf8FileWriter _writer; // its buffers serve every page this renderer writes

    public PageRenderer()
        : this(new Utf8FileWriter())
    {
    }

    /// <summary>A renderer that writes files through <paramref name="writer"/>: a worker that replaces its renderer now and then
    /// keeps its writer (and the writer's 80 KB of buffers) for all of them.</summary>
    internal PageRenderer(Utf8FileWriter writer)
    {
        _writer = writer;
        _services = new ServiceCollection().AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance).BuildServiceProvider();
        _renderer = new HtmlRenderer(_services, NullLoggerFactory.Instance);
    }

    public Task<string> RenderAsync(PageSpec page) => RenderAsync(page.Component, page.ParameterTable());

    public Task<string> RenderAsync([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.All)] Type component, IReadOnlyDictionary<string, object?> parameters) =>
        _renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await _renderer.RenderComponentAsync(component, ParameterView.FromDictionary(parameters.ToDictionary())).ConfigureAwait(false);
            return output.ToHtmlString();
        });

    /// <summary>Renders a page straight into a new file (no page-sized string, so large pages stay off the large object heap); returns its size in bytes.</summary>
    public Task<long> RenderToFileAsync(PageSpec page, string path) =>
        _renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await _renderer.RenderComponentAsync(page.Component, ParameterView.FromDictionary(page.ParameterTable())).ConfigureAwait(false);
            using var file = File.OpenHandle(path, FileMode.Create, FileAccess.Write, FileShare.None);
            return _writer.WriteTo(file, output.WriteHtmlTo); // the length written, without asking the file system again
        });

    public async ValueTask DisposeAsync()
    {
        await _renderer.DisposeAsync().ConfigureAwait(false);
        await _services.DisposeAsync().ConfigureAwait(false);
    }
}

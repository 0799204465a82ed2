using System.CommandLine;
using System.Globalization;

namespace DulaRegistry.Cli.Commands;

/// <summary>Options shared by several commands.</summary>
internal static class CommonOptions
{
    public static Option<DirectoryInfo> Root() => new("--root")
    {
        Description = "The registry folder (holds registry.yml, agencies/ and agreements/); default: the registry that contains the current folder",
        DefaultValueFactory = _ => FindRoot(Directory.GetCurrentDirectory()),
        HelpName = "DIR",
    };

    /// <summary>
    /// The registry that contains <paramref name="start"/>, found as Git finds its repository: the first folder, from
    /// <paramref name="start"/> up, that holds <c>registry.yml</c>, <c>agreements/</c> or <c>agencies/</c>. When none does,
    /// <paramref name="start"/> itself, so that <see cref="CheckRoot"/> explains the problem.
    /// </summary>
    public static DirectoryInfo FindRoot(string start)
    {
        for (var folder = new DirectoryInfo(Path.GetFullPath(start)); folder is not null; folder = folder.Parent)
        {
            if (Present(Path.Combine(folder.FullName, "registry.yml")) || Present(Path.Combine(folder.FullName, "agreements"))
                || Present(Path.Combine(folder.FullName, "agencies")))
            {
                return folder;
            }
        }
        return new DirectoryInfo(Path.GetFullPath(start));
    }

    public static Option<string?> Today()
    {
        var option = new Option<string?>("--today")
        {
            Description = "The date to check expiry against, as YYYY-MM-DD (default: today's date)",
            HelpName = "YYYY-MM-DD",
        };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string?>();
            if (value is not null && !DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                result.AddError($"--today '{value}' is not a date; write YYYY-MM-DD");
            }
        });
        return option;
    }

    public static DateOnly ResolveToday(string? value) =>
        value is null ? DateOnly.FromDateTime(DateTime.Now) : DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Checks that the root exists and looks like a registry; prints why not.</summary>
    public static bool CheckRoot(DirectoryInfo root)
    {
        if (!root.Exists)
        {
            Console.Error.WriteLine($"registry: the folder '{root.FullName}' does not exist; pass the registry folder with --root DIR");
            return false;
        }
        // Anything named agreements or agencies (even a file or a link) makes it a registry: the loader then says what is wrong with it.
        if (!Present(Path.Combine(root.FullName, "agreements")) && !Present(Path.Combine(root.FullName, "agencies")))
        {
            Console.Error.WriteLine($"registry: '{root.FullName}' has no agreements/ or agencies/ folder, so it is not a registry; run the command inside a registry (it looks in the current folder and every folder above it) or pass the registry folder with --root DIR");
            return false;
        }
        return true;
    }

    private static bool Present(string path) => Path.Exists(path) || new FileInfo(path).LinkTarget is not null;
}

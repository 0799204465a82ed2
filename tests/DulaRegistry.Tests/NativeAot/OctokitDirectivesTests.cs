using System.Xml.Linq;
using DulaRegistry.Tests.GitHub;

namespace DulaRegistry.Tests.NativeAot;

/// <summary>
/// tool/RegistryTool/Octokit.rd.xml lists every StringEnum&lt;T&gt; in Octokit's models (and, where a model holds one
/// as nullable, its Nullable&lt;&gt;): without it the native tool cannot read the GitHub JSON that holds one.
/// </summary>
public sealed class OctokitDirectivesTests
{
    private const System.Reflection.BindingFlags Declared = System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic
        | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.DeclaredOnly;

    private static readonly Type s_stringEnum = typeof(Octokit.StringEnum<>);

    [Fact]
    public void Every_StringEnum_in_Octokit_is_listed()
    {
        var needed = new SortedSet<string>(StringComparer.Ordinal);
        void Visit(Type type)
        {
            if (type.IsArray)
            {
                Visit(type.GetElementType()!);
                return;
            }
            if (!type.IsGenericType) return;
            var definition = type.GetGenericTypeDefinition();
            if (definition == s_stringEnum) needed.Add(Name(type));
            if (definition == typeof(Nullable<>) && type.GetGenericArguments()[0] is { IsGenericType: true } inner && inner.GetGenericTypeDefinition() == s_stringEnum)
            {
                needed.Add(Name(type));
            }
            foreach (var argument in type.GetGenericArguments()) Visit(argument);
        }
        foreach (var type in typeof(Octokit.GitHubClient).Assembly.GetTypes())
        {
            foreach (var property in type.GetProperties(Declared)) Visit(property.PropertyType);
            foreach (var constructor in type.GetConstructors(Declared))
            {
                foreach (var parameter in constructor.GetParameters()) Visit(parameter.ParameterType);
            }
        }
        needed.ShouldNotBeEmpty();

        var listed = XDocument.Load(GitHubTestRegistry.RepositoryFile("tool/RegistryTool/Octokit.rd.xml"))
            .Descendants().Where(e => e.Name.LocalName == "Type").Select(e => (string)e.Attribute("Name")!).ToHashSet(StringComparer.Ordinal);
        needed.Where(n => !listed.Contains(n)).ShouldBeEmpty("add these to tool/RegistryTool/Octokit.rd.xml");
    }

    /// <summary>The rd.xml spelling: Octokit.StringEnum`1[[Octokit.ItemState,Octokit]], nested the same way for Nullable.</summary>
    private static string Name(Type type) =>
        type.IsGenericType
            ? $"{type.GetGenericTypeDefinition().FullName}[{string.Join(',', type.GetGenericArguments().Select(a => $"[{Name(a)},{a.Assembly.GetName().Name}]"))}]"
            : type.FullName!;
}

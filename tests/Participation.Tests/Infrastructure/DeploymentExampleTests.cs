using System.Text.RegularExpressions;
using Participation.Testing;

namespace Participation.Tests.Infrastructure;

/// <summary>The nginx configuration the README shows is the one the tests run nginx with.</summary>
public sealed class DeploymentExampleTests
{
    [Fact]
    public void Every_line_of_the_nginx_configuration_in_the_README_is_in_the_file_the_tests_run()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var shown = Regex.Match(readme, "```nginx\n(.*?)```", RegexOptions.Singleline).Groups[1].Value
            .Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0).ToList();
        var file = File.ReadAllLines(Nginx.Example(RepoPaths.Root)).Select(line => line.Trim()).ToHashSet();

        Assert.NotEmpty(shown);
        Assert.All(shown, line => Assert.Contains(line, file));
    }
}

namespace Participation.Web.Infrastructure;

/// <summary>The name of this running instance of the site, unique among those serving it together.</summary>
public sealed class ThisInstance
{
    public string Name { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
}

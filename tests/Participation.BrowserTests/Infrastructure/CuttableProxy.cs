using System.Net;
using System.Net.Sockets;

namespace Participation.BrowserTests.Infrastructure;

/// <summary>
/// A loopback TCP relay in front of the site, standing for the room's Wi-Fi: cutting it drops every
/// open connection (WebSockets included) and refuses new ones until it is restored on the same port.
/// Playwright's offline mode cannot do this: it leaves an open WebSocket alone.
/// </summary>
public sealed class CuttableProxy : IAsyncDisposable
{
    private readonly int _target;
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;
    private CancellationTokenSource _stop = new();

    public CuttableProxy(string siteBaseUrl)
    {
        _target = new Uri(siteBaseUrl).Port;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Restore();
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public void Restore()
    {
        _stop = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _ = AcceptAsync(_listener, _stop.Token);
    }

    /// <summary>The network goes down: every connection through the relay is closed at once.</summary>
    public void Cut()
    {
        _stop.Cancel();
        _listener?.Stop();
        lock (_open)
        {
            foreach (var client in _open)
            {
                // A reset, as when the Wi-Fi drops, rather than a polite close.
                if (client.Client is { Connected: true } socket)
                {
                    socket.LingerState = new LingerOption(true, 0);
                }
                client.Dispose();
            }
            _open.Clear();
        }
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient browserSide;
            try
            {
                browserSide = await listener.AcceptTcpClientAsync(stop);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            var siteSide = new TcpClient();
            try
            {
                await siteSide.ConnectAsync(IPAddress.Loopback, _target, stop);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException)
            {
                browserSide.Dispose();
                siteSide.Dispose();
                continue;
            }
            lock (_open)
            {
                _open.Add(browserSide);
                _open.Add(siteSide);
            }
            _ = PumpAsync(browserSide, siteSide);
            _ = PumpAsync(siteSide, browserSide);
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream());
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException or SocketException)
        {
            // The relay was cut, or one side closed: the other side goes too.
        }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        return ValueTask.CompletedTask;
    }
}

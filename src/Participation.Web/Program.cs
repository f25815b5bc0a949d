using Participation.Web.Accounts;
using Participation.Web.Charter;
using Participation.Web.Consultations;
using Participation.Web.Content;
using Participation.Web.Council;
using Participation.Web.Data;
using Participation.Web.Demo;
using Participation.Web.Infrastructure;
using Participation.Web.Notifications;
using Participation.Web.Peers;
using Participation.Web.Plan;
using Participation.Web.Privacy;
using Participation.Web.Proposals;
using Participation.Web.Safeguarding;
using Participation.Web.Media;
using Participation.Web.Testimonies;

if (RiskScan.Handles(args)) return await RiskScan.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);

builder.AddSiteLayout();
builder.AddRedis();
builder.AddData();
builder.AddMail();
builder.AddAccounts();
builder.AddSiteContent();
builder.AddPlan();
builder.AddProposals();
builder.AddNotifications();
builder.AddCouncil();
builder.AddConsultations();
builder.AddSafeguarding();
builder.AddMedia();
builder.AddTestimonies();
builder.AddPeers();
builder.AddCharter();
builder.AddPrivacy();
builder.AddDemo();
builder.AddWebFrontEnd();

var app = builder.Build();
app.WarnAboutMissingSettings();

app.LoadContent();
app.LoadPeerLibrary();
if (MigrateCommand.Handles(args)) return await MigrateCommand.RunAsync(app.Services, Console.Out);
await app.PrepareDataAsync();
// Instances started together on a new database take turns for what they create at start-up: each finds what the one before made.
var leases = app.Services.GetRequiredService<JobLeases>();
await leases.OneAtATimeAsync(JobLeases.StartUp, app.EnsureRolesAsync);
if (AdminCommand.Handles(args)) return await AdminCommand.RunAsync(app.Services, args, Console.Out);
await leases.OneAtATimeAsync(JobLeases.StartUp, async () =>
{
    await app.EnsureCirclesAsync();
    await app.LoadPlansAsync();
    await app.SeedDemoAsync();
});

app.UseWebFrontEnd();
app.MapWebFrontEnd();
app.MapCouncil();
app.MapProposals();
app.MapSafeguarding();
app.MapTestimonies();
app.MapPeers();

app.Run();
return 0;

public partial class Program;

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PlanLoop.Domain.Customers;
using PlanLoop.Domain.Execution;
using PlanLoop.Features.Data;

namespace PlanLoop.Web.Tests.Security;

/// <summary>
/// Every write that names a record by id, tried by a Rep (张伟) on records of other sellers with a body that would be
/// accepted on their own records (right revision, valid values): each is a 403 or a 404 — never a 2xx, and never a
/// 400/409/422 that shows the feature read the other seller's record — and not one of those records changes. Every
/// mutating route with an id in the OpenAPI document must be in the list, so a new one is tried the day it is added.
/// </summary>
public sealed class WriteScopeTests(PlanLoopFactory app) : IClassFixture<PlanLoopFactory>
{
    /// <summary>Routes a Rep may not reach at all (the route matrix already says 403), or whose id is not a seller's record.</summary>
    static readonly HashSet<string> NotASellersRecord = new(StringComparer.Ordinal)
    {
        "DELETE /api/import-aliases/{id}", "POST /api/people/{id}/activate", "POST /api/people/{id}/deactivate", "PUT /api/people/{id}",
        "POST /api/plan-versions/{id}/approve", "POST /api/plan-versions/{id}/archive", "POST /api/plan-versions/{id}/copy", "POST /api/plan-versions/{id}/return",
        "POST /api/plan-versions/{id}/submit", "PUT /api/plan-versions/{id}/breakdowns/{kpi}/{dimension}", "PUT /api/plan-versions/{id}/kpis/{kpi}",
        "POST /api/users/{userName}/disable", "POST /api/users/{userName}/enable", "PUT /api/master-data/{kind}/{code}",
        "POST /api/master-data/{kind}/{code}/activate", "POST /api/master-data/{kind}/{code}/deactivate", "PUT /api/calendar/{date}", "DELETE /api/calendar/{date}",
        "PUT /api/imports/{kind}/mappings/{name}", "POST /api/imports/{kind}", "PUT /api/views/{page}/{name}",
        "DELETE /api/optimize/scenarios/{id}", "POST /api/optimize/scenarios/{id}/version", "DELETE /api/optimize/budgets/{id}",
    };

    [Fact]
    public async Task ARep_WritingToAnotherSellersRecords_Is403Or404_AndNothingChanges()
    {
        var ct = TestContext.Current.CancellationToken;
        var rep = await app.As("rep");
        var director = await app.As("director");
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PlanLoopDbContext>>().CreateDbContextAsync(ct);
        var me = await db.People.Where(p => p.Name == "张伟").Select(p => p.Id).SingleAsync(ct);

        // Records of other sellers, on accounts that are not 张伟's either.
        var accounts = db.Accounts.AsNoTracking().Where(a => a.OwnerId != null && a.OwnerId != me && a.AdvisorId != me);
        var contact = await db.Contacts.AsNoTracking().Where(c => accounts.Any(a => a.Id == c.AccountId)).OrderBy(c => c.Id).FirstAsync(ct);
        var account = await accounts.SingleAsync(a => a.Id == contact.AccountId, ct);
        var lead = await db.Leads.AsNoTracking().Where(l => l.OwnerId != null && l.OwnerId != me && (l.Status == LeadStatus.New || l.Status == LeadStatus.Working))
            .OrderBy(l => l.Id).FirstAsync(ct);
        var deal = await db.Opportunities.AsNoTracking().Where(o => o.OwnerId != null && o.OwnerId != me && o.ClosedOn == null && accounts.Any(a => a.Id == o.AccountId))
            .OrderBy(o => o.Id).FirstAsync(ct);
        var contract = await db.Contracts.AsNoTracking().Where(c => c.OwnerId != null && c.OwnerId != me && accounts.Any(a => a.Id == c.AccountId)
            && db.Instalments.Any(i => i.ContractId == c.Id)).OrderBy(c => c.Id).FirstAsync(ct);
        var node = await db.Instalments.AsNoTracking().Where(i => i.ContractId == contract.Id).Select(i => i.Id).FirstAsync(ct);
        var milestone = contract.Milestones.Count > 0 ? contract.Milestones[0].Id : Guid.NewGuid();
        var followUp = await db.FollowUps.AsNoTracking().Where(f => accounts.Any(a => a.Id == f.AccountId) && f.Status == FollowUpStatus.Open).Select(f => f.Id).FirstOrDefaultAsync(ct);
        Assert.Equal(HttpStatusCode.NoContent, (await director.PutAsJsonAsync("/api/views/accounts/director-view", new { query = "tier=A" }, ct)).StatusCode);
        var view = await db.SavedViews.AsNoTracking().Where(v => v.Name == "director-view").Select(v => v.Id).SingleAsync(ct);
        var before = await Snapshot(db, account.Id, lead.Id, deal.Id, contract.Id, ct);

        var attempts = new (string Route, string Path, object? Body)[]
        {
            ("PUT /api/accounts/{id}", $"/api/accounts/{account.Id}", new { account = new { name = account.Name + "(改)" }, revision = account.Revision }),
            ("POST /api/accounts/{id}/activities", $"/api/accounts/{account.Id}/activities", new { kind = "Call", subject = "不是我的客户" }),
            ("POST /api/accounts/{id}/contacts", $"/api/accounts/{account.Id}/contacts", new { name = "王经理", role = "Influencer", level = 2 }),
            ("PUT /api/accounts/{id}/contacts/{contactId}", $"/api/accounts/{account.Id}/contacts/{contact.Id}", new { name = "改名", role = "Influencer", level = 2 }),
            ("DELETE /api/accounts/{id}/contacts/{contactId}", $"/api/accounts/{account.Id}/contacts/{contact.Id}", null),
            ("POST /api/accounts/{id}/surveys", $"/api/accounts/{account.Id}/surveys", new { kind = "Nps", score = 0 }),
            ("POST /api/follow-ups/{id}/complete", $"/api/follow-ups/{followUp}/complete", null),
            ("PUT /api/leads/{id}", $"/api/leads/{lead.Id}", new { revision = lead.Revision, lead = new { company = "改名有限公司", contactName = "李经理", source = "Website", channel = "Online" } }),
            ("POST /api/leads/{id}/start", $"/api/leads/{lead.Id}/start", new { revision = lead.Revision }),
            ("POST /api/leads/{id}/qualify", $"/api/leads/{lead.Id}/qualify", new { revision = lead.Revision }),
            ("POST /api/leads/{id}/disqualify", $"/api/leads/{lead.Id}/disqualify", new { revision = lead.Revision, reason = "无预算" }),
            ("POST /api/leads/{id}/convert", $"/api/leads/{lead.Id}/convert", new { revision = lead.Revision }),
            ("PUT /api/opportunities/{id}/lines", $"/api/opportunities/{deal.Id}/lines", new { revision = deal.Revision, lines = new[] { new { productCode = "B-CUSTOM", quantity = 1, discount = 0 } } }),
            ("PUT /api/opportunities/{id}/bant", $"/api/opportunities/{deal.Id}/bant", new { revision = deal.Revision, budget = 25, authority = 25, need = 25, timeline = 25 }),
            ("POST /api/opportunities/{id}/override", $"/api/opportunities/{deal.Id}/override", new { revision = deal.Revision, reason = "我觉得可以" }),
            ("POST /api/opportunities/{id}/proposal-sent", $"/api/opportunities/{deal.Id}/proposal-sent", new { revision = deal.Revision }),
            ("POST /api/opportunities/{id}/move/{stage}", $"/api/opportunities/{deal.Id}/move/LOST", new { revision = deal.Revision, reason = "抢单" }),
            ("PUT /api/opportunities/{id}/category", $"/api/opportunities/{deal.Id}/category", new { revision = deal.Revision, category = "Commit" }),
            ("PUT /api/contracts/{id}/lines", $"/api/contracts/{contract.Id}/lines", new { revision = contract.Revision, lines = new[] { new { productCode = "B-CUSTOM", quantity = 1, discount = 0 } } }),
            ("PUT /api/contracts/{id}/terms", $"/api/contracts/{contract.Id}/terms", new { revision = contract.Revision, nonStandard = true, note = "改条款" }),
            ("PUT /api/contracts/{id}/payment-plan", $"/api/contracts/{contract.Id}/payment-plan", new { revision = contract.Revision, nodes = new[] { new { name = "全款", dueOn = "2024-10-31", amount = 1 } } }),
            ("POST /api/contracts/{id}/submit", $"/api/contracts/{contract.Id}/submit", new { revision = contract.Revision }),
            ("POST /api/contracts/{id}/decide", $"/api/contracts/{contract.Id}/decide", new { revision = contract.Revision, decision = "approve" }),
            ("POST /api/contracts/{id}/sign", $"/api/contracts/{contract.Id}/sign", new { revision = contract.Revision }),
            ("POST /api/contracts/{id}/milestones/{milestoneId}/delivered", $"/api/contracts/{contract.Id}/milestones/{milestone}/delivered", new { revision = contract.Revision, on = "2024-09-01" }),
            ("POST /api/contracts/{id}/milestones/{milestoneId}/accepted", $"/api/contracts/{contract.Id}/milestones/{milestone}/accepted", new { revision = contract.Revision, on = "2024-09-02" }),
            ("POST /api/contracts/{id}/nodes/{nodeId}/payments", $"/api/contracts/{contract.Id}/nodes/{node}/payments", new { amount = 1 }),
            ("POST /api/contracts/{id}/nodes/{nodeId}/invoices", $"/api/contracts/{contract.Id}/nodes/{node}/invoices", new { number = "INV-SCOPE", amount = 1 }),
            ("DELETE /api/views/{page}/{id}", $"/api/views/accounts/{view}", null),
        };
        // And the writes that name another seller's record in their body.
        var byBody = new (string What, string Path, object Body)[]
        {
            ("an opportunity on another seller's account", "/api/opportunities", new { name = "越权商机", accountId = account.Id, expectedClose = "2024-12-20" }),
            ("a contract from another seller's opportunity", "/api/contracts", new { opportunityId = deal.Id }),
            ("a lead owned by another seller", "/api/leads", new { company = "越权线索有限公司", contactName = "李经理", source = "Website", channel = "Online", ownerId = deal.OwnerId }),
            ("an account owned by another seller", "/api/accounts", new { name = "越权客户有限公司", ownerId = deal.OwnerId }),
            ("an account under another seller's parent", "/api/accounts", new { name = "越权子公司有限公司", parentId = account.Id }),
        };

        var surface = await ApiSurface.Read(rep, ct);
        var withIds = surface.Operations.Where(o => o.Mutates && o.PathParameters.Count > 0).Select(o => o.ToString()).ToHashSet(StringComparer.Ordinal);
        var covered = attempts.Select(a => a.Route).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(withIds.Except(covered).Except(NotASellersRecord));   // a new route with an id: add it above or say why it is not a seller's record

        var log = new StringBuilder();
        var leaks = new List<string>();
        foreach (var (route, path, body) in attempts)
        {
            using var request = new HttpRequestMessage(route.StartsWith("DELETE", StringComparison.Ordinal) ? HttpMethod.Delete : route.StartsWith("PUT", StringComparison.Ordinal) ? HttpMethod.Put : HttpMethod.Post, path)
            {
                Content = body is null ? null : JsonContent.Create(body),
            };
            var response = await rep.SendAsync(request, ct);
            log.AppendLine(CultureInfo.InvariantCulture, $"{(int)response.StatusCode} {route}");
            // The override is a manager's: a rep is refused by that rule (422 manager-only) before any record is read.
            var roleRule = route == "POST /api/opportunities/{id}/override" && response.StatusCode == HttpStatusCode.UnprocessableEntity
                && (await response.Content.ReadAsStringAsync(ct)).Contains("\"rule\":\"manager-only\"", StringComparison.Ordinal);
            if (response.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.NotFound) && !roleRule)
                leaks.Add($"{route} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        }
        foreach (var (what, path, body) in byBody)
        {
            var response = await rep.PostAsJsonAsync(path, body, ct);
            log.AppendLine(CultureInfo.InvariantCulture, $"{(int)response.StatusCode} POST {path} ({what})");
            if (response.IsSuccessStatusCode) leaks.Add($"{what} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        }
        await SuiteOutput.Write("write-scope.txt", log.ToString(), ct);

        Assert.True(leaks.Count == 0, $"{leaks.Count} of {attempts.Length + byBody.Length} writes reached another seller's records:\n{string.Join('\n', leaks)}");
        await using var after = await app.Services.GetRequiredService<IDbContextFactory<PlanLoopDbContext>>().CreateDbContextAsync(ct);
        Assert.Equal(before, await Snapshot(after, account.Id, lead.Id, deal.Id, contract.Id, ct));
        Assert.True(await after.SavedViews.AnyAsync(v => v.Id == view, ct));
        Assert.False(await after.Opportunities.AnyAsync(o => o.Name == "越权商机", ct));
        Assert.False(await after.Leads.AnyAsync(l => l.Company == "越权线索有限公司", ct));
        Assert.False(await after.Accounts.AnyAsync(a => a.Name == "越权客户有限公司" || a.Name == "越权子公司有限公司", ct));
    }

    /// <summary>What the attempts could change: revisions, child rows and money of the records tried.</summary>
    static async Task<string> Snapshot(PlanLoopDbContext db, Guid account, Guid lead, Guid deal, Guid contract, CancellationToken ct) => string.Join(',',
        await db.Accounts.Where(a => a.Id == account).Select(a => a.Revision).SingleAsync(ct),
        await db.Contacts.CountAsync(c => c.AccountId == account, ct),
        await db.Activities.CountAsync(a => a.AccountId == account, ct),
        await db.SurveyAnswers.CountAsync(s => s.AccountId == account, ct),
        await db.FollowUps.CountAsync(f => f.AccountId == account && f.Status == FollowUpStatus.Open, ct),
        await db.Leads.Where(l => l.Id == lead).Select(l => l.Revision).SingleAsync(ct),
        await db.Opportunities.Where(o => o.Id == deal).Select(o => o.Revision).SingleAsync(ct),
        await db.Contracts.Where(c => c.Id == contract).Select(c => c.Revision).SingleAsync(ct),
        await db.Payments.CountAsync(ct), await db.Invoices.CountAsync(ct), await db.Contracts.CountAsync(ct), await db.Opportunities.CountAsync(ct));
}

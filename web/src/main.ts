// Framework Hub's web console: the pages of each role, by address.

import './styles.scss';
import { start } from './app';
import type { Route } from './lib/router';
import { applicationPage, evaluatorApplicationsPage, leadApplicationsPage, newApplicationPage, providerApplicationsPage } from './pages/applications';
import { ballotPage, ballotsPage, strategicLeadBallotsPage } from './pages/ballots';
import { blockContractPage, blockContractsPage } from './pages/blocks';
import { statementPage, statementsPage } from './pages/costshare';
import { figuresPage } from './pages/figures';
import { admissionPage, ceaseMemberPage, frameworkPage } from './pages/framework';
import { placementPage, placementsPage } from './pages/placements';
import { benchmarkPage, newPriceBookPage, priceBookPage, priceBooksPage, rateCardPage, upliftPage } from './pages/pricing';
import { invitationPage, invitationsPage, newSettingPage, registerPage, settingPage, settingsPage } from './pages/provider';
import { newReferralPage, referralPage, referralsPage } from './pages/referrals';
import { homePage, signInPage } from './pages/signin';
import { frameworkProvidersPage, providerSuspensionsPage, removePage, suspendPage, suspensionPage } from './pages/suspensions';
import { webhookPage, webhooksPage } from './pages/webhooks';
import type { PageContext } from './lib/router';

const LEAD = ['LEAD_ADMIN'] as const;
const COMMISSIONER = ['COMMISSIONER'] as const;
const PROVIDER = ['PROVIDER_USER'] as const;

/** A page that differs by role: the first role the person has wins. */
function byRole(pages: Partial<Record<string, (ctx: PageContext) => Promise<void> | void>>) {
  return (ctx: PageContext) => {
    for (const role of ctx.session?.roles ?? []) {
      const page = pages[role];
      if (page) return page(ctx);
    }
    return Object.values(pages)[0]!(ctx);
  };
}

const routes: Route[] = [
  { pattern: '/sign-in', page: signInPage, public: true },
  { pattern: '/', page: homePage },

  // Member commissioner
  { pattern: '/referrals', page: referralsPage, roles: [...COMMISSIONER] },
  { pattern: '/referrals/new', page: newReferralPage, roles: [...COMMISSIONER] },
  { pattern: '/authorities/:authority/referrals/:number', page: referralPage, roles: [...COMMISSIONER] },
  { pattern: '/authorities/:authority/placements/:number', page: placementPage, roles: [...COMMISSIONER] },
  { pattern: '/authorities/:authority/blockContracts/:number', page: blockContractPage, roles: [...COMMISSIONER] },
  { pattern: '/placements', page: placementsPage, roles: ['COMMISSIONER', 'PROVIDER_USER'] },
  { pattern: '/priceBooks', page: priceBooksPage, roles: ['COMMISSIONER', 'PROVIDER_USER'] },
  { pattern: '/priceBooks/new', page: newPriceBookPage, roles: [...COMMISSIONER] },
  { pattern: '/priceBooks/:number', page: priceBookPage, roles: ['COMMISSIONER', 'PROVIDER_USER', 'LEAD_ADMIN'] },
  { pattern: '/priceBooks/:number/rateCards/:version', page: rateCardPage, roles: [...COMMISSIONER] },
  { pattern: '/uplift', page: upliftPage, roles: [...COMMISSIONER] },
  { pattern: '/benchmark', page: benchmarkPage, roles: ['COMMISSIONER', 'LEAD_ADMIN'] },
  { pattern: '/blockContracts', page: blockContractsPage, roles: [...COMMISSIONER] },
  { pattern: '/figures', page: figuresPage, roles: [...COMMISSIONER] },

  // Lead authority (members may read the overview, ballots, statements)
  { pattern: '/frameworks/:framework', page: frameworkPage },
  { pattern: '/frameworks/:framework/admission', page: admissionPage, roles: [...LEAD] },
  { pattern: '/frameworks/:framework/members/:authority/cease', page: ceaseMemberPage, roles: [...LEAD] },
  { pattern: '/frameworks/:framework/applications', page: leadApplicationsPage, roles: [...LEAD] },
  { pattern: '/frameworks/:framework/providers', page: frameworkProvidersPage, roles: [...LEAD] },
  { pattern: '/frameworks/:framework/providers/:provider/suspend', page: suspendPage, roles: [...LEAD] },
  { pattern: '/frameworks/:framework/providers/:provider/remove', page: removePage, roles: [...LEAD] },
  { pattern: '/frameworks/:framework/ballots', page: ballotsPage },
  { pattern: '/frameworks/:framework/ballots/:number', page: ballotPage },
  { pattern: '/frameworks/:framework/costShareStatements', page: statementsPage },
  { pattern: '/frameworks/:framework/costShareStatements/:number', page: statementPage },
  { pattern: '/frameworks/:framework/figures', page: figuresPage, roles: ['LEAD_ADMIN', 'STRATEGIC_LEAD'] },
  { pattern: '/suspensions/:number', page: suspensionPage, roles: ['LEAD_ADMIN', 'COMMISSIONER', 'PROVIDER_USER'] },

  // Strategic lead
  { pattern: '/ballots', page: strategicLeadBallotsPage, roles: ['STRATEGIC_LEAD'] },

  // Evaluator, lead and provider share an application's page
  { pattern: '/evaluations', page: evaluatorApplicationsPage, roles: ['EVALUATOR'] },
  { pattern: '/applications', page: byRole({ PROVIDER_USER: providerApplicationsPage, EVALUATOR: evaluatorApplicationsPage }), roles: ['PROVIDER_USER', 'EVALUATOR'] },
  { pattern: '/applications/new', page: newApplicationPage, roles: [...PROVIDER] },
  { pattern: '/applications/:number', page: applicationPage, roles: ['LEAD_ADMIN', 'EVALUATOR', 'PROVIDER_USER'] },

  // Provider
  { pattern: '/invitations', page: invitationsPage, roles: [...PROVIDER] },
  { pattern: '/authorities/:authority/referrals/:number/invitations/:provider', page: invitationPage, roles: [...PROVIDER] },
  { pattern: '/register', page: registerPage, roles: [...PROVIDER] },
  { pattern: '/settings', page: settingsPage, roles: [...PROVIDER] },
  { pattern: '/settings/new', page: newSettingPage, roles: [...PROVIDER] },
  { pattern: '/providers/:provider/settings/:setting', page: settingPage, roles: ['PROVIDER_USER', 'COMMISSIONER', 'LEAD_ADMIN'] },
  { pattern: '/suspensions', page: providerSuspensionsPage, roles: [...PROVIDER] },

  // An authority's or a provider's own systems
  { pattern: '/webhooks', page: webhooksPage, roles: ['COMMISSIONER', 'PROVIDER_USER'] },
  { pattern: '/webhooks/:endpoint', page: webhookPage, roles: ['COMMISSIONER', 'PROVIDER_USER'] },
];

start(routes);

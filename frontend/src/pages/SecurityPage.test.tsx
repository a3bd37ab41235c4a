import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { baseHandlers, json, mockApi, problem, renderApp } from '../test/utils';

const off = { enabled: false, enabled_at: null, enrolment_pending: false, backup_codes_left: 0 };
const on = { enabled: true, enabled_at: '2026-12-01T12:00:00Z', enrolment_pending: false, backup_codes_left: 10 };
const codes = Array.from({ length: 10 }, (_, i) => `ABCD-EFGH-00${String(i).padStart(2, '0')}`);
const enrolment = {
  secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  otpauth_uri: 'otpauth://totp/Escalation%20Inbox:agent%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  qr_svg: '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><path d="M0 0h1"/></svg>',
};

describe('Security page', () => {
  it('enrols: scan or type the key, confirm with a first code, then shows the ten backup codes once', async () => {
    let status: typeof on | typeof off = off;
    const api = mockApi({
      ...baseHandlers('agent'),
      'GET /api/v1/users/me/two-factor': () => status,
      'POST /api/v1/users/me/two-factor/enrolment': () => json(enrolment, 201),
      'POST /api/v1/users/me/two-factor/enrolment/confirm': async (request) => {
        const { code } = (await request.json()) as { code: string };
        if (code !== '123456') {
          return problem(422, { type: 'https://escalations.dev/problems/two-factor-code-invalid', title: 'Request breaks a rule', detail: 'The code is wrong, expired or already used.' });
        }
        status = on;
        return { backup_codes: codes };
      },
    });
    const { user } = renderApp('/security');
    await screen.findByRole('heading', { name: 'Two-factor sign-in is off' });
    await user.click(screen.getByRole('button', { name: 'Set up two-factor sign-in' }));

    const qr = await screen.findByRole('img', { name: /QR code/ });
    expect(qr.getAttribute('src')).toBe(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qr_svg)}`);
    expect(screen.getByText('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP')).toBeInTheDocument();

    await user.type(screen.getByLabelText('Code from the app'), '654321');
    await user.click(screen.getByRole('button', { name: 'Turn on' }));
    expect(await screen.findByText('The code is wrong, expired or already used.')).toBeInTheDocument();

    await user.clear(screen.getByLabelText('Code from the app'));
    await user.type(screen.getByLabelText('Code from the app'), '123456');
    await user.click(screen.getByRole('button', { name: 'Turn on' }));
    const list = await screen.findByRole('list', { name: 'Backup codes' });
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual(codes);
    const download = screen.getByRole('link', { name: 'Download' });
    expect(download).toHaveAttribute('download', 'escalation-inbox-backup-codes.txt');
    expect(decodeURIComponent(download.getAttribute('href') ?? '')).toContain(codes.join('\n'));
    expect(api.callsTo('POST', '/api/v1/users/me/two-factor/enrolment/confirm')).toHaveLength(2);

    // Once dismissed, the codes are gone for good: the page shows the status.
    await user.click(screen.getByRole('button', { name: 'I have saved them' }));
    expect(await screen.findByRole('heading', { name: 'Two-factor sign-in is on' })).toBeInTheDocument();
    expect(screen.getByText(/10 backup codes left/)).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Backup codes' })).toBeNull();
  });

  it('makes new backup codes and turns two-factor off with the password and a code', async () => {
    let status: typeof on | typeof off = { ...on, backup_codes_left: 3 };
    const api = mockApi({
      ...baseHandlers('agent'),
      'GET /api/v1/users/me/two-factor': () => status,
      'POST /api/v1/users/me/two-factor/backup-codes': () => ({ backup_codes: codes }),
      'POST /api/v1/users/me/two-factor/disable': async (request) => {
        const body = (await request.json()) as { password: string };
        if (body.password !== 'right password') {
          return problem(422, { type: 'https://escalations.dev/problems/wrong-password', title: 'Request breaks a rule', detail: 'The password is wrong' });
        }
        status = off;
        return off;
      },
    });
    const { user } = renderApp('/security');
    expect(await screen.findByText(/3 backup codes left/)).toBeInTheDocument();

    const regenerate = screen.getByRole('region', { name: 'New backup codes' });
    await user.type(within(regenerate).getByLabelText('Password'), 'right password');
    await user.type(within(regenerate).getByLabelText('Code from the app or a backup code'), '111111');
    await user.click(within(regenerate).getByRole('button', { name: 'Make new backup codes' }));
    expect(await screen.findByRole('list', { name: 'Backup codes' })).toBeInTheDocument();
    expect(await api.callsTo('POST', '/api/v1/users/me/two-factor/backup-codes')[0].request.json()).toEqual({
      password: 'right password',
      code: '111111',
    });
    await user.click(screen.getByRole('button', { name: 'I have saved them' }));

    const disable = await screen.findByRole('region', { name: 'Turn two-factor sign-in off' });
    await user.type(within(disable).getByLabelText('Password'), 'wrong');
    await user.type(within(disable).getByLabelText('Code from the app or a backup code'), '222222');
    await user.click(within(disable).getByRole('button', { name: 'Turn off' }));
    expect(await within(disable).findByText('The password is wrong')).toBeInTheDocument();

    await user.clear(within(disable).getByLabelText('Password'));
    await user.type(within(disable).getByLabelText('Password'), 'right password');
    await user.click(within(disable).getByRole('button', { name: 'Turn off' }));
    expect(await screen.findByRole('heading', { name: 'Two-factor sign-in is off' })).toBeInTheDocument();
    await waitFor(() => expect(api.callsTo('POST', '/api/v1/users/me/two-factor/disable')).toHaveLength(2));
  });
});

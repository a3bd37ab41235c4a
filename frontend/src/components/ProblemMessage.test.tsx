import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ProblemMessage } from './ProblemMessage';
import { ApiError, errorMessage, fieldErrors, toProblem } from '../api/problem';
import { mockApi, problem, renderApp } from '../test/utils';

const validation = new ApiError(422, {
  type: 'https://errors.example/validation-error',
  title: 'Invalid request',
  status: 422,
  detail: 'The request does not match the expected shape; see `errors`.',
  errors: [
    { loc: ['body', 'contact', 'name'], msg: 'String should have at least 1 character', type: 'string_too_short' },
    { loc: ['body', 'email'], msg: 'value is not a valid email address: An email address must have an @-sign.' },
    { loc: ['query', 'limit'], msg: 'Input should be less than or equal to 200' },
  ],
});

describe('ProblemMessage (RFC 9457 problem+json)', () => {
  it('lists each validation error with its field', () => {
    render(<ProblemMessage error={validation} />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Invalid request');
    expect(alert).toHaveTextContent('(422)');
    const items = within(screen.getByRole('list', { name: 'Problems with the request' })).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      'Contact name: String should have at least 1 character',
      'Email: value is not a valid email address: An email address must have an @-sign.',
      'Limit: Input should be less than or equal to 200',
    ]);
  });

  it('leaves out the messages a form shows next to its fields', () => {
    render(<ProblemMessage error={validation} fields={['email', 'contact.name']} />);
    const items = within(screen.getByRole('list')).getAllByRole('listitem');
    expect(items).toHaveLength(1);
    expect(items[0]).toHaveTextContent('Limit: Input should be less than or equal to 200');
  });

  it('shows the detail of a non-validation problem', () => {
    const conflict = new ApiError(409, { title: 'Conflict', status: 409, detail: 'The organisation must keep at least one owner' });
    render(<ProblemMessage error={conflict} />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Conflict (409)');
    expect(alert).toHaveTextContent('The organisation must keep at least one owner');
    expect(screen.queryByRole('list')).toBeNull();
  });

  it('renders nothing without an error, and a network failure in words', () => {
    const { container, rerender } = render(<ProblemMessage error={null} />);
    expect(container).toBeEmptyDOMElement();
    rerender(<ProblemMessage error={new TypeError('Failed to fetch')} />);
    expect(screen.getByRole('alert')).toHaveTextContent('Could not reach the server');
  });

  it('turns fastapi-users error codes and odd bodies into problems', () => {
    expect(errorMessage(new ApiError(400, toProblem({ detail: 'REGISTER_USER_ALREADY_EXISTS' }, 400)))).toMatch(
      /already exists/,
    );
    const password = toProblem({ detail: { code: 'REGISTER_INVALID_PASSWORD', reason: 'Password is too short' } }, 400);
    expect(errorMessage(new ApiError(400, password))).toBe('The password is not allowed. Password is too short');
    expect(toProblem('<html>Bad gateway</html>', 502, 'Bad Gateway')).toEqual({ status: 502, title: 'Bad Gateway', detail: null });
    expect(fieldErrors(validation)).toEqual({
      'contact.name': ['String should have at least 1 character'],
      email: ['value is not a valid email address: An email address must have an @-sign.'],
      limit: ['Input should be less than or equal to 200'],
    });
  });

  it('puts a field message next to its field in a form (register, 422)', async () => {
    mockApi({
      'POST /api/v1/auth/register': () =>
        problem(422, {
          title: 'Invalid request',
          detail: 'The request does not match the expected shape; see `errors`.',
          errors: [{ loc: ['body', 'email'], msg: 'value is not a valid email address: The part after the @-sign is not valid.' }],
        }),
    });
    const { user } = renderApp('/register', { signedIn: false });
    await user.type(screen.getByLabelText('Email'), 'ada@nowhere');
    await user.type(screen.getByLabelText('Password'), 'long enough password');
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    const email = screen.getByLabelText('Email');
    await screen.findByText(/The part after the @-sign is not valid/);
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription(/The part after the @-sign is not valid/);
    expect(screen.getByRole('alert')).toHaveTextContent('Please correct the highlighted fields.');
  });
});

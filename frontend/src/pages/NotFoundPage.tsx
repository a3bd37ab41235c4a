import { Link } from 'react-router';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';

export function NotFoundPage() {
  return (
    <div className="page narrow">
      <PageHeader title="Page not found" />
      <EmptyState title="There is nothing at this address.">
        <p>
          <Link to="/">Go to the start page</Link>
        </p>
      </EmptyState>
    </div>
  );
}

import { Box } from '@strapi/design-system';
import { Pagination } from '@strapi/strapi/admin';

interface PageLinksProps {
  pagination: { pageCount: number; total: number } | null | undefined;
  pageSize: string | number;
}

/** Page links and page size under a list (Strapi's own, reading and writing the URL's page and pageSize). */
export function PageLinks({ pagination, pageSize }: PageLinksProps) {
  if (!pagination || pagination.total === 0) return null;
  return (
    <Box paddingTop={4}>
      <Pagination.Root pageCount={pagination.pageCount} total={pagination.total} defaultPageSize={Number(pageSize)}>
        <Pagination.PageSize options={['10', '20', '50', '100']} />
        <Pagination.Links />
      </Pagination.Root>
    </Box>
  );
}

import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/**
 * "Previous · Page 2 of 5 · Next" under a long list; nothing when everything fits on one page.
 * `keys` names the translation block that words it (its previous, next and pageOf).
 */
export function Pager({
  page,
  pages,
  href,
  label,
  keys,
  className = "",
}: {
  page: number;
  pages: number;
  href: (page: number) => string;
  label: string;
  keys: string;
  className?: string;
}) {
  const { t } = useTranslation();
  if (pages <= 1) return null;
  return (
    <nav aria-label={label} className={`flex items-center gap-3 text-sm ${className}`}>
      {page > 1 ? (
        <Link to={href(page - 1)} className="underline">
          {t(`${keys}.previous`)}
        </Link>
      ) : null}
      <span>{t(`${keys}.pageOf`, { page, pages })}</span>
      {page < pages ? (
        <Link to={href(page + 1)} className="underline">
          {t(`${keys}.next`)}
        </Link>
      ) : null}
    </nav>
  );
}

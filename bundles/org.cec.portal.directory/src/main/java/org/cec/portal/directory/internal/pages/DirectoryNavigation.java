package org.cec.portal.directory.internal.pages;

import org.cec.portal.api.web.NavigationItem;
import org.osgi.service.component.annotations.Component;

/**
 * "Find a contractor" in the site navigation and on the home page, right after "Request a service"
 * (rank 10); texts in the directory bundle's messages.
 */
@Component
public final class DirectoryNavigation implements NavigationItem {

    @Override
    public String label() {
        return "%directory.nav.label";
    }

    @Override
    public String path() {
        return SearchPage.PATH;
    }

    @Override
    public String description() {
        return "%directory.nav.description";
    }

    @Override
    public int rank() {
        return 20;
    }
}

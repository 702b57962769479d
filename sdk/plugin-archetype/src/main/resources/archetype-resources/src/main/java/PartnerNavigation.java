package ${package};

import org.cec.portal.api.web.NavigationItem;
import org.osgi.service.component.annotations.Component;

/**
 * The page's entry in the site navigation and on the home page. Its texts are message keys
 * ({@code %key}): the portal looks them up in this bundle's {@code messages/} in the visitor's language.
 */
@Component
public final class PartnerNavigation implements NavigationItem {

    @Override
    public String label() {
        return "%navigation.label";
    }

    @Override
    public String path() {
        return PartnerPage.PATH;
    }

    @Override
    public String description() {
        return "%navigation.description";
    }

    @Override
    public int rank() {
        return 800;
    }
}

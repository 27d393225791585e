package com.callintel.hub.pages;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The hub's own pages, static files under static/&lt;page&gt;/: the agent console (/console/), the analytics
 * dashboard (/dashboard/), the admins' settings (/settings/), the operators' support tickets (/operator/tickets/)
 * and breach and policy notices (/operator/notices/), and the page after signing out (/signed-out/). Spring Boot
 * serves a folder's index.html only at the root, so each page's folder address forwards to it, and the address
 * without the slash redirects there.
 */
@Configuration(proxyBeanMethods = false)
class HubPages implements WebMvcConfigurer {

    static final List<String> PAGES = List.of("console", "dashboard", "settings", "signed-out", "operator/tickets",
            "operator/notices");

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        for (String page : PAGES) {
            registry.addRedirectViewController("/" + page, "/" + page + "/");
            registry.addViewController("/" + page + "/").setViewName("forward:/" + page + "/index.html");
        }
    }
}

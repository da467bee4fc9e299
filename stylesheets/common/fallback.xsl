<?xml version="1.0" encoding="UTF-8"?>
<!--
  fallback.xsl: what pack.xsl does with an attached document that no
  imported stylesheet knows: stop with a message naming the document's
  namespace, instead of XSLT's built-in rules copying its bare text into
  the FO. pack.xsl imports this FIRST so that every document stylesheet's
  own mode="pack"/"bookmarks" templates take precedence over these.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="*" mode="pack">
    <xsl:message terminate="yes">
      <xsl:text>pack.xsl: error: no stylesheet in the pack handles a document whose root element is {</xsl:text>
      <xsl:value-of select="namespace-uri()"/>
      <xsl:text>}</xsl:text>
      <xsl:value-of select="local-name()"/>
      <xsl:text>; import its stylesheet in stylesheets/pack.xsl</xsl:text>
    </xsl:message>
  </xsl:template>

  <xsl:template match="*" mode="bookmarks">
    <xsl:message terminate="yes">
      <xsl:text>pack.xsl: error: no stylesheet in the pack handles a document whose root element is {</xsl:text>
      <xsl:value-of select="namespace-uri()"/>
      <xsl:text>}</xsl:text>
      <xsl:value-of select="local-name()"/>
      <xsl:text>; import its stylesheet in stylesheets/pack.xsl</xsl:text>
    </xsl:message>
  </xsl:template>

</xsl:stylesheet>
